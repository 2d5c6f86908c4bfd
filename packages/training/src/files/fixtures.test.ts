import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { modelFromSafetensors } from './model-file.ts';
import { modelFromNpz } from './npz.ts';
import type { ModelParams, ModelSpec } from '@clearprop/nn';

// Interop with files written outside the project (PyTorch 1.13, NumPy 1.24); provenance in test-fixtures/README.md.
const fixture = (name: string): Uint8Array => readFileSync(fileURLToPath(new URL(`../../test-fixtures/${name}`, import.meta.url)));
const expected = JSON.parse(new TextDecoder().decode(fixture('torch_3-5-4-2_expected.json'))) as {
  readonly inputs: number[][];
  readonly expected_outputs: number[][];
};
const spec: ModelSpec = {
  inputs: 3,
  layers: [
    { units: 5, activation: 'tanh' },
    { units: 4, activation: 'relu' },
    { units: 2, activation: 'identity' },
  ],
};

/** Plain-loop forward pass for this spec: z = W·x + b, then the layer's activation. */
function forward(params: ModelParams, x: readonly number[]): number[] {
  let a = [...x];
  params.forEach(({ weight, bias }, layer) => {
    const [out, inFeatures] = weight.shape;
    const z = Array.from({ length: out }, (_, i) => {
      let s = bias.data[i];
      for (let j = 0; j < inFeatures; j++) s += weight.data[i * inFeatures + j] * a[j];
      return s;
    });
    const activation = spec.layers[layer].activation;
    a = z.map((v) => (activation === 'tanh' ? Math.tanh(v) : activation === 'relu' ? Math.max(v, 0) : v));
  });
  return a;
}

function expectMatchesPyTorch(params: ModelParams): void {
  expected.inputs.forEach((x, n) => {
    forward(params, x).forEach((y, k) => expect(Math.abs(y - expected.expected_outputs[n][k])).toBeLessThan(1e-5));
  });
}

describe('interop fixtures', () => {
  it('loads PyTorch safetensors (no __metadata__) with a given spec and reproduces its outputs', () => {
    const model = modelFromSafetensors(fixture('torch_3-5-4-2_tanh_relu_identity.safetensors'), { spec, source: 'torch.safetensors' });
    expect(model.params.map((p) => p.weight.shape)).toEqual([[5, 3], [4, 5], [2, 4]]);
    expect(model.params.every((p) => p.weight.dtype === 'float32' && p.bias.dtype === 'float32')).toBe(true);
    expectMatchesPyTorch(model.params);
  });

  it('loads the NumPy npz with a given spec and reproduces the PyTorch outputs', () => {
    const model = modelFromNpz(fixture('numpy_3-5-4-2_tanh_relu_identity.npz'), { spec, source: 'numpy.npz' });
    expect(model.params.map((p) => p.bias.shape)).toEqual([[5], [4], [2]]);
    expectMatchesPyTorch(model.params);
  });

  it('agrees bit for bit between the two fixtures', () => {
    const torch = modelFromSafetensors(fixture('torch_3-5-4-2_tanh_relu_identity.safetensors'), { spec });
    const numpy = modelFromNpz(fixture('numpy_3-5-4-2_tanh_relu_identity.npz'), { spec });
    expect(numpy.params).toEqual(torch.params);
  });
});
