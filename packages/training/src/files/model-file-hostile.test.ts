import { describe, expect, it } from '@jest/globals';
import { tensor } from '@clearprop/tensor';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint.ts';
import { ModelFileError } from './model-file-error.ts';
import { modelFromSafetensors, modelToSafetensors, type SavedModel } from './model-file.ts';
import { parseModelSpec, readDataInfo } from './model-metadata.ts';
import { modelFromNpz, modelToNpz } from './npz.ts';
import { decodeSafetensors, encodeSafetensors } from './safetensors.ts';
import type { ModelSpec } from '@clearprop/nn';

const spec: ModelSpec = { inputs: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 2, activation: 'softmax' }] };
const model: SavedModel = {
  spec,
  params: [
    { weight: tensor([1, 2, 3, 4, 5, 6], [3, 2]), bias: tensor([0, 1, 2], [3]) },
    { weight: tensor([1, 0, 0, 1, 1, 1], [2, 3]), bias: tensor([0.5, -0.5], [2]) },
  ],
  normalization: { kind: 'standardize', mean: [0, 1], std: [1, 2] },
  extra: { dataset: JSON.stringify({ task: 'classification', featureNames: ['a', 'b'], targetNames: ['label'], classLabels: ['no', 'yes'] }) },
};
const good = decodeSafetensors(modelToSafetensors(model));

/** The message of the ModelFileError `read` throws (fails the test if it returns or throws something else). */
function message(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    if (error instanceof ModelFileError) return error.message;
    throw error;
  }
  throw new Error('expected a ModelFileError');
}

/** The model file with one metadata key replaced (or removed when `value` is undefined). */
function withMetadata(key: string, value: string | undefined): Uint8Array {
  const metadata: Record<string, string> = { ...good.metadata };
  if (value === undefined) delete metadata[key];
  else metadata[key] = value;
  return encodeSafetensors(good.tensors, metadata);
}

describe('F13: prototype keys as tensor names', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('a tensor named %s is reported as unexpected', (name) => {
    // Written as raw JSON: an object literal cannot carry an own "__proto__" key.
    const extra = new Float32Array([9]);
    const base = modelToSafetensors(model);
    const headerLength = Number(new DataView(base.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(base.subarray(8, 8 + headerLength))) as Record<string, { data_offsets: number[] }>;
    const dataLength = base.length - 8 - headerLength;
    const json = JSON.stringify(header).slice(0, -1) + `,${JSON.stringify(name)}:{"dtype":"F32","shape":[1],"data_offsets":[${dataLength},${dataLength + 4}]}}`;
    const headerBytes = new TextEncoder().encode(json);
    const file = new Uint8Array(8 + headerBytes.length + dataLength + 4);
    new DataView(file.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
    file.set(headerBytes, 8);
    file.set(base.subarray(8 + headerLength), 8 + headerBytes.length);
    file.set(new Uint8Array(extra.buffer), 8 + headerBytes.length + dataLength);
    expect(Object.keys(decodeSafetensors(file).tensors)).toContain(name);
    expect(message(() => modelFromSafetensors(file, { source: 'p.safetensors' }))).toBe(`p.safetensors: unexpected tensor(s) not in the spec: ${name}`);
  });

  it('an optimizer structure naming a prototype key finds no tensor there', () => {
    const bytes = encodeCheckpoint({ model, optimizerState: [], rngState: [1, 2, 3, 4], epoch: 0, step: 0 });
    const { tensors, metadata } = decodeSafetensors(bytes);
    const forged = encodeSafetensors(tensors, { ...metadata, optimizer: JSON.stringify({ tensor: 'constructor' }) });
    expect(message(() => decodeCheckpoint(forged, 'c.safetensors'))).toBe('c.safetensors: optimizer structure refers to missing tensor constructor');
  });
});

describe('F8: NaN/Inf weights are errors naming the tensor unless allowNonFinite', () => {
  const poisoned = (value: number): SavedModel => ({ ...model, params: [model.params[0], { ...model.params[1], bias: tensor([0.5, value], [2]) }] });

  it.each([Number.NaN, Infinity, -Infinity])('safetensors weight %s', (value) => {
    const bytes = modelToSafetensors(poisoned(value));
    expect(message(() => modelFromSafetensors(bytes, { source: 'm.safetensors' }))).toBe(
      `m.safetensors: tensor layers.1.bias holds ${value} at flat index 1; weights must be finite (allowNonFinite, or inspect --allow-non-finite, loads them for debugging)`,
    );
    expect(modelFromSafetensors(bytes, { allowNonFinite: true }).params[1].bias.data[1]).toBe(value);
  });

  it('npz weight NaN', () => {
    const bytes = modelToNpz(poisoned(Number.NaN));
    expect(message(() => modelFromNpz(bytes, { spec, source: 'm.npz' }))).toMatch(/^m\.npz: array b1 holds NaN at flat index 1/);
    expect(Number.isNaN(modelFromNpz(bytes, { spec, allowNonFinite: true }).params[1].bias.data[1])).toBe(true);
  });

  it('checkpoint weights are checked the same way', () => {
    const bytes = encodeCheckpoint({ model: poisoned(Number.NaN), optimizerState: [], rngState: [1, 2, 3, 4], epoch: 0, step: 0 });
    expect(message(() => decodeCheckpoint(bytes, 'c.safetensors'))).toMatch(/^c\.safetensors: tensor layers\.1\.bias holds NaN/);
  });
});

describe('F3: model metadata is validated when read', () => {
  it.each([
    ['dataset', '{}', 'm.safetensors: metadata "dataset".task: Invalid option: expected one of "regression"|"classification"'],
    ['dataset', '"5"', 'm.safetensors: metadata "dataset": Invalid input: expected object, received string'],
    ['dataset', '{"task":"classification","featureNames":5,"targetNames":["label"],"classLabels":["no","yes"]}', 'm.safetensors: metadata "dataset".featureNames: Invalid input: expected array, received number'],
    ['dataset', '{"task":"classification","featureNames":["a"],"targetNames":["label"],"classLabels":["no","yes"]}', 'm.safetensors: metadata "dataset".featureNames: 1 names for a model with 2 inputs'],
    ['dataset', '{"task":"classification","featureNames":["a","b"],"targetNames":["label"],"classLabels":["no"]}', 'm.safetensors: metadata "dataset".classLabels: 1 labels for a model with 2 outputs'],
    ['dataset', '{"task":"regression","featureNames":["a","b"],"targetNames":["y"],"classLabels":[]}', 'm.safetensors: metadata "dataset".targetNames: 1 names for a model with 2 outputs'],
    ['dataset', '{', 'm.safetensors: metadata "dataset" is not valid JSON'],
    ['normalization', '{}', 'm.safetensors: metadata "normalization".kind: Invalid discriminator value. Expected \'standardize\' | \'minMax\''],
    ['normalization', '"x"', 'm.safetensors: metadata "normalization" is not a JSON object'],
    ['normalization', '{"kind":"standardize","mean":[0],"std":[1]}', 'm.safetensors: metadata "normalization".mean: 1 values for a model with 2 inputs'],
    ['normalization', '{"kind":"minMax","min":[0,1],"max":[1,"2"]}', 'm.safetensors: metadata "normalization".max[1]: Invalid input: expected number, received string'],
    ['normalization', '{"kind":"standardize","mean":[0,1],"std":[1,-2]}', 'm.safetensors: metadata "normalization".std[1]: Too small: expected number to be >=0'],
    ['spec', '{"inputs":2,"layers":["a","b"]}', 'm.safetensors: metadata "spec".layers[0]: Invalid input: expected object, received string'],
    ['spec', '{"inputs":2,"layers":[{"units":"3","activation":"tanh"},{"units":2,"activation":"softmax"}]}', 'm.safetensors: metadata "spec".layers[0].units: Invalid input: expected number, received string'],
    ['spec', '{"inputs":2,"layers":[{"units":3,"activation":"softmax"},{"units":2,"activation":"softmax"}]}', 'm.safetensors: metadata "spec".layers[0].activation: softmax is only supported on the output layer'],
  ])('%s = %s', (key, value, expected) => {
    expect(message(() => modelFromSafetensors(withMetadata(key, value), { source: 'm.safetensors' }))).toContain(expected);
  });

  it('accepts the valid metadata and returns it typed', () => {
    const loaded = modelFromSafetensors(withMetadata('training', '{"loss":"softmaxCrossEntropy"}'));
    expect(readDataInfo(loaded, 'm')).toEqual({ task: 'classification', featureNames: ['a', 'b'], targetNames: ['label'], classLabels: ['no', 'yes'] });
    expect(readDataInfo({ spec }, 'm')).toBeUndefined();
  });

  it('parseModelSpec names the JSON file and the field', () => {
    expect(message(() => parseModelSpec({ inputs: 2, layers: [{ units: '8', activation: 'relu' }] }, 'net.json', 'spec'))).toBe(
      'net.json: spec.layers[0].units: Invalid input: expected number, received string',
    );
    expect(parseModelSpec({ inputs: 2, layers: [{ units: 8, activation: { name: 'prelu', alpha: 0.1 } }] }, 'net.json')).toEqual({
      inputs: 2, layers: [{ units: 8, activation: { name: 'prelu', alpha: 0.1 } }],
    });
  });
});

describe('F14: file content in messages is cut and cleaned', () => {
  it('a huge or escape-laden tensor name, dtype or metadata value is quoted in at most 120 clean characters', () => {
    const name = `\u001b]0;pwned\u0007${'x'.repeat(5_000_000)}`;
    const bytes = encodeSafetensors({ [name]: tensor([1], [1]) });
    const text = message(() => modelFromSafetensors(bytes, { spec, source: 'm.safetensors' }));
    expect(text).not.toMatch(/[\u0000-\u001f]/);
    expect(text.length).toBeLessThan(400);
    const rng = encodeCheckpoint({ model, optimizerState: [], rngState: [1, 2, 3, 4], epoch: 0, step: 0 });
    const { tensors, metadata } = decodeSafetensors(rng);
    const forged = encodeSafetensors(tensors, { ...metadata, rng: `[${'1,'.repeat(100_000)}1]` });
    expect(message(() => decodeCheckpoint(forged, 'c')).length).toBeLessThan(200);
  });
});
