import { describe, expect, it } from '@jest/globals';
import { createRng, restoreRng, tensor, type Shape, type Tensor } from '@clearprop/tensor';
import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from './checkpoint.ts';
import { modelToSafetensors, type SavedModel } from './model-file.ts';
import { decodeSafetensors, encodeSafetensors } from './safetensors.ts';
import { treeLeaves, type ModelSpec, type ParamTree } from '@clearprop/nn';

const spec: ModelSpec = { inputs: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] };

function randomTensor(shape: Shape, seed: number, dtype: 'float32' | 'float64' = 'float32'): Tensor {
  const rng = createRng(seed);
  return tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() / 3), shape, { dtype });
}

const params = [
  { weight: randomTensor([3, 2], 1), bias: randomTensor([3], 2) },
  { weight: randomTensor([1, 3], 3), bias: randomTensor([1], 4) },
];
const moments = (seed: number): ParamTree => params.map((p, i) => ({ weight: randomTensor(p.weight.shape, seed + i, 'float64'), bias: randomTensor(p.bias.shape, seed + 10 + i) }));
// Shaped like chain(clipByGlobalNorm (stateless: []), scaleByAdam, scaleByLearningRate), with awkward keys on purpose.
const optimizerState: ParamTree = [[], { count: tensor([1 / 3], [1], { dtype: 'float64' }), mu: moments(20), nu: moments(40), tensor: {} }, { step: tensor([5e-324], [1], { dtype: 'float64' }) }];
const rng = createRng(42);
rng.normal();
const model: SavedModel = { spec, params, normalization: { kind: 'standardize', mean: [1, 2], std: [0.5, 2] }, trainingConfig: { lr: 0.01 } };
const checkpoint: Checkpoint = { model, optimizerState, rngState: rng.state(), epoch: 3, step: 120, trainerState: { bestLoss: 0.125, patience: [1, null] } };

const bitsOf = (t: Tensor): Uint8Array => new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);

describe('encodeCheckpoint / decodeCheckpoint', () => {
  it('round-trips the model, optimizer tree (dtypes and bits), RNG, epoch, step and trainer state exactly', () => {
    const bytes = encodeCheckpoint(checkpoint);
    const restored = decodeCheckpoint(bytes, 'c.safetensors');
    expect(restored).toEqual(checkpoint);
    const before = treeLeaves(optimizerState).map((leaf) => leaf.tensor);
    const after = treeLeaves(restored.optimizerState).map((leaf) => leaf.tensor);
    expect(before).toHaveLength(10);
    expect(after.map((t) => t.dtype)).toEqual(before.map((t) => t.dtype));
    after.forEach((t, i) => expect(bitsOf(t)).toEqual(bitsOf(before[i])));
    expect(encodeCheckpoint(restored)).toEqual(bytes);
  });

  it('restores an RNG that continues the same sequence', () => {
    const restored = decodeCheckpoint(encodeCheckpoint(checkpoint));
    const resumed = restoreRng(restored.rngState);
    const original = restoreRng(checkpoint.rngState);
    expect([resumed.next(), resumed.normal()]).toEqual([original.next(), original.normal()]);
  });

  it('stores optimizer leaves as optimizer.<dotted path>, float64 as F64', () => {
    const { tensors } = decodeSafetensors(encodeCheckpoint(checkpoint));
    expect(tensors['optimizer.1.count'].dtype).toBe('float64');
    expect(tensors['optimizer.1.mu.0.weight'].dtype).toBe('float64');
    expect(tensors['optimizer.1.mu.0.bias'].dtype).toBe('float32');
    expect(tensors['layers.1.weight'].shape).toEqual([1, 3]);
  });

  it('keeps a bare-tensor optimizer state and omits an absent trainer state', () => {
    const simple = { ...checkpoint, optimizerState: tensor([1, 2], [2]), trainerState: undefined };
    const restored = decodeCheckpoint(encodeCheckpoint(simple));
    expect(restored.optimizerState).toEqual(tensor([1, 2], [2]));
    expect('trainerState' in restored).toBe(false);
  });

  it('rejects invalid RNG state, epoch or step when encoding', () => {
    expect(() => encodeCheckpoint({ ...checkpoint, rngState: [1, 2, 3] })).toThrow(RangeError);
    expect(() => encodeCheckpoint({ ...checkpoint, step: -1 })).toThrow(RangeError);
  });
});

describe('decodeCheckpoint validation', () => {
  const good = encodeCheckpoint(checkpoint);
  const { tensors, metadata } = decodeSafetensors(good);
  const tampered = (changes: Record<string, string | undefined>, tensorChanges: Record<string, Tensor | undefined> = {}): Uint8Array => {
    const defined = <T>(entries: Record<string, T | undefined>): Record<string, T> =>
      Object.fromEntries(Object.entries(entries).filter((entry): entry is [string, T] => entry[1] !== undefined));
    return encodeSafetensors(defined({ ...tensors, ...tensorChanges }), defined({ ...metadata, ...changes }));
  };

  it.each([3, 100, good.length - 8])('reports a checkpoint truncated to %i bytes', (length) => {
    expect(() => decodeCheckpoint(good.subarray(0, length), 'ck.safetensors')).toThrow(/^ck\.safetensors: truncated/);
  });

  it('rejects a model file and corrupt metadata, naming the file and the key', () => {
    expect(() => decodeCheckpoint(modelToSafetensors(model), 'm.safetensors')).toThrow('m.safetensors: is not a clearprop checkpoint (format "clearprop")');
    expect(() => decodeCheckpoint(tampered({ rng: '[1,2,3]' }), 'ck.safetensors')).toThrow('ck.safetensors: metadata "rng" is not four uint32 words: [1,2,3]');
    expect(() => decodeCheckpoint(tampered({ step: '1.5' }), 'ck.safetensors')).toThrow('ck.safetensors: metadata "step" is not a non-negative integer: "1.5"');
    expect(() => decodeCheckpoint(tampered({ epoch: undefined }), 'ck.safetensors')).toThrow('ck.safetensors: checkpoint metadata lacks "epoch"');
    expect(() => decodeCheckpoint(tampered({ optimizer: '{"tensor": 1}' }), 'ck.safetensors')).toThrow(/ck\.safetensors: optimizer structure at root is not a tensor, array or object node/);
  });

  it('reports optimizer tensors missing from or absent in the structure', () => {
    expect(() => decodeCheckpoint(tampered({}, { 'optimizer.1.count': undefined }), 'ck.safetensors')).toThrow(
      'ck.safetensors: optimizer structure refers to missing tensor optimizer.1.count',
    );
    expect(() => decodeCheckpoint(tampered({}, { 'optimizer.9': tensor([1], [1]) }), 'ck.safetensors')).toThrow(
      'ck.safetensors: optimizer tensor(s) not in the stored structure: optimizer.9',
    );
  });

  it('validates the model tensors against the stored spec', () => {
    expect(() => decodeCheckpoint(tampered({}, { 'layers.0.bias': tensor([1, 2], [2]) }), 'ck.safetensors')).toThrow(
      'ck.safetensors: tensor layers.0.bias has shape [2], spec expects [3]',
    );
  });
});
