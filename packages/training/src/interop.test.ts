import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { predict, sequential, type ModelSpec } from '@clearprop/nn';
import { createRng, fromRows } from '@clearprop/tensor';
import { expectClose, randomTensor } from '@clearprop/tensor/testing';
import { modelFromNpz, modelFromSafetensors, modelToNpz, modelToSafetensors } from './files/index.ts';

const fixture = (name: string) => new URL(`../test-fixtures/${name}`, import.meta.url);
const spec: ModelSpec = { inputs: 3, layers: [{ units: 5, activation: 'tanh' }, { units: 4, activation: 'relu' }, { units: 2, activation: 'identity' }] };
const expected = JSON.parse(readFileSync(fixture('torch_3-5-4-2_expected.json'), 'utf8')) as { inputs: number[][]; expected_outputs: number[][] };
const model = sequential(spec);
const inputs = fromRows(expected.inputs);
const outputs = fromRows(expected.expected_outputs);

describe('interop with PyTorch and NumPy files, through the real model', () => {
  it('PyTorch-written safetensors (tensors only, architecture given separately) reproduces torch outputs to 1e-5', () => {
    const loaded = modelFromSafetensors(readFileSync(fixture('torch_3-5-4-2_tanh_relu_identity.safetensors')), { spec, source: 'torch fixture' });
    expectClose(predict(model, loaded.params, inputs), outputs, { rtol: 0, atol: 1e-5 });
  });
  it('NumPy-written npz (W0, b0, …) reproduces the same outputs', () => {
    const loaded = modelFromNpz(readFileSync(fixture('numpy_3-5-4-2_tanh_relu_identity.npz')), { spec, source: 'numpy fixture' });
    expectClose(predict(model, loaded.params, inputs), outputs, { rtol: 0, atol: 1e-5 });
  });
  it('save → load round trips give identical predictions (safetensors with metadata, npz)', () => {
    const prelu = sequential({ inputs: 3, layers: [{ units: 6, activation: { name: 'prelu' } }, { units: 2, activation: 'softmax' }] });
    const params = prelu.init(createRng(9));
    const x = randomTensor(createRng(10), [7, 3]);
    const before = predict(prelu, params, x);
    const viaSafetensors = modelFromSafetensors(modelToSafetensors({ spec: prelu.spec, params }));
    expect(viaSafetensors.spec).toEqual(prelu.spec);
    expect(Array.from(predict(prelu, viaSafetensors.params, x).data)).toEqual(Array.from(before.data));
    const viaNpz = modelFromNpz(modelToNpz({ spec: prelu.spec, params }), { spec: prelu.spec });
    expect(Array.from(predict(prelu, viaNpz.params, x).data)).toEqual(Array.from(before.data));
  });
});
