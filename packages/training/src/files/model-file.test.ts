import { describe, expect, it } from '@jest/globals';
import { createRng, ShapeError, tensor, type Shape, type Tensor } from '@clearprop/tensor';
import { encodeCheckpoint } from './checkpoint.ts';
import { ModelFileError } from './model-file-error.ts';
import { modelFromSafetensors, modelToSafetensors, type SavedModel } from './model-file.ts';
import { decodeSafetensors, encodeSafetensors } from './safetensors.ts';
import type { ModelSpec } from '@clearprop/nn';

const spec: ModelSpec = {
  inputs: 3,
  layers: [
    { units: 4, activation: { name: 'prelu', alpha: 0.25 }, init: 'heNormal' },
    { units: 2, activation: 'identity' },
  ],
};

function randomTensor(shape: Shape, seed: number): Tensor {
  const rng = createRng(seed);
  return tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);
}

const model: SavedModel = {
  spec,
  params: [
    { weight: randomTensor([4, 3], 1), bias: randomTensor([4], 2), alpha: randomTensor([4], 3) },
    { weight: randomTensor([2, 4], 4), bias: randomTensor([2], 5) },
  ],
  normalization: { kind: 'standardize', mean: [0.5, 1, -2], std: [1, 2, 3] },
  trainingConfig: { optimizer: 'adam', lr: 0.001, epochs: 10 },
  extra: { author: 'test' },
};

describe('modelToSafetensors / modelFromSafetensors', () => {
  it('round-trips spec, params, normalization, training config and extra metadata', () => {
    const bytes = modelToSafetensors(model);
    const loaded = modelFromSafetensors(bytes, { source: 'm.safetensors' });
    expect(loaded).toEqual(model);
    expect(modelToSafetensors(loaded)).toEqual(bytes);
  });

  it('stores PyTorch-layout tensor names and clearprop metadata', () => {
    const { tensors, metadata } = decodeSafetensors(modelToSafetensors(model));
    expect(Object.keys(tensors).sort()).toEqual(['layers.0.alpha', 'layers.0.bias', 'layers.0.weight', 'layers.1.bias', 'layers.1.weight']);
    expect(tensors['layers.0.weight'].shape).toEqual([4, 3]);
    expect(metadata.format).toBe('clearprop');
    expect(metadata.version).toBe('1');
    expect(JSON.parse(metadata.spec)).toEqual(spec);
    expect(JSON.parse(metadata.training)).toEqual(model.trainingConfig);
  });

  it('saves float64 params as float32 and loads F64 files as float32', () => {
    const wide = model.params.map((p) => ({ weight: widen(p.weight), bias: widen(p.bias), ...(p.alpha && { alpha: widen(p.alpha) }) }));
    const loaded = modelFromSafetensors(modelToSafetensors({ spec, params: wide }));
    expect(loaded.params).toEqual(model.params);
    const f64File = encodeSafetensors({ 'layers.0.weight': widen(model.params[1].weight), 'layers.0.bias': widen(model.params[1].bias) });
    const tiny: ModelSpec = { inputs: 4, layers: [{ units: 2, activation: 'identity' }] };
    const fromF64 = modelFromSafetensors(f64File, { spec: tiny });
    expect(fromF64.params[0].weight).toEqual(model.params[1].weight);
  });

  it('refuses to save params that do not fit the spec, naming both shapes', () => {
    const bad = { spec, params: [model.params[0], { ...model.params[1], weight: randomTensor([2, 3], 9) }] };
    expect(() => modelToSafetensors(bad)).toThrow(ShapeError);
    expect(() => modelToSafetensors(bad)).toThrow('layers.1.weight has shape [2, 3], spec expects [2, 4]');
  });
});

describe('modelFromSafetensors validation', () => {
  const tensorsOnly = (entries: Record<string, Tensor>): Uint8Array => encodeSafetensors(entries);
  const plain: ModelSpec = { inputs: 4, layers: [{ units: 2, activation: 'identity' }] };
  const w = model.params[1].weight;
  const b = model.params[1].bias;

  it('names the tensor and both shapes when a tensor does not fit the spec', () => {
    const bytes = tensorsOnly({ 'layers.0.weight': w, 'layers.0.bias': b });
    const wrong: ModelSpec = { inputs: 3, layers: [{ units: 2, activation: 'identity' }] };
    expect(() => modelFromSafetensors(bytes, { spec: wrong, source: 'w.safetensors' })).toThrow(
      new ModelFileError('w.safetensors', 'tensor layers.0.weight has shape [2, 4], spec expects [2, 3]'),
    );
  });

  it('reports missing and extra tensors', () => {
    expect(() => modelFromSafetensors(tensorsOnly({ 'layers.0.weight': w }), { spec: plain, source: 'a.safetensors' })).toThrow(
      'a.safetensors: missing tensor layers.0.bias (spec expects shape [2])',
    );
    const extra = tensorsOnly({ 'layers.0.weight': w, 'layers.0.bias': b, 'layers.1.weight': w });
    expect(() => modelFromSafetensors(extra, { spec: plain, source: 'a.safetensors' })).toThrow(
      'a.safetensors: unexpected tensor(s) not in the spec: layers.1.weight',
    );
  });

  it('needs a spec for a tensors-only file', () => {
    expect(() => modelFromSafetensors(tensorsOnly({ 'layers.0.weight': w, 'layers.0.bias': b }), { source: 't.safetensors' })).toThrow(
      /t\.safetensors: holds only tensors .*pass the architecture as options\.spec/,
    );
  });

  it('accepts a matching given spec and rejects a different one', () => {
    const bytes = modelToSafetensors(model);
    expect(modelFromSafetensors(bytes, { spec: { ...spec, layers: spec.layers.map((l) => ({ ...l, init: 'normal' as const })) } }).spec).toEqual(spec);
    const other: ModelSpec = { inputs: 3, layers: [{ units: 4, activation: 'relu' }, { units: 2, activation: 'identity' }] };
    expect(() => modelFromSafetensors(bytes, { spec: other, source: 's.safetensors' })).toThrow(
      's.safetensors: file spec 3-4-2 (prelu(alpha=0.25), identity) differs from the given spec 3-4-2 (relu, identity)',
    );
  });

  it('rejects a bad spec, an unknown version and a checkpoint', () => {
    const tensors = decodeSafetensors(modelToSafetensors(model)).tensors;
    const withMeta = (metadata: Record<string, string>): Uint8Array => encodeSafetensors(tensors, metadata);
    expect(() => modelFromSafetensors(withMeta({ format: 'clearprop', version: '1', spec: '{"inputs":3}' }), { source: 'p.safetensors' })).toThrow(
      'p.safetensors: metadata "spec".layers: Invalid input: expected array, received undefined',
    );
    expect(() => modelFromSafetensors(withMeta({ format: 'clearprop', version: '1', spec: '{' }), { source: 'p.safetensors' })).toThrow(
      /p\.safetensors: metadata "spec" is not valid JSON/,
    );
    expect(() => modelFromSafetensors(withMeta({ format: 'clearprop', version: '7', spec: '{}' }), { source: 'v.safetensors' })).toThrow(
      'v.safetensors: format version "7" is not supported (expected "1")',
    );
    const checkpoint = encodeCheckpoint({ model, optimizerState: [], rngState: [1, 2, 3, 4], epoch: 0, step: 0 });
    expect(() => modelFromSafetensors(checkpoint, { source: 'c.safetensors' })).toThrow(/c\.safetensors: is a training checkpoint/);
  });

  it('keeps foreign metadata (e.g. PyTorch\'s format: pt) as extra and still needs the spec', () => {
    const bytes = encodeSafetensors({ 'layers.0.weight': w, 'layers.0.bias': b }, { format: 'pt' });
    expect(modelFromSafetensors(bytes, { spec: plain }).extra).toEqual({ format: 'pt' });
  });
});

function widen(t: Tensor): Tensor {
  return tensor(t.data, t.shape, { dtype: 'float64' });
}
