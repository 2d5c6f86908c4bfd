import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequential, type ActivationName } from '@clearprop/nn';
import { createRng } from '@clearprop/tensor';
import { loadCsvForModel } from './model-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'clearprop-model-data-'));
const csv = join(dir, 'rows.csv');
writeFileSync(csv, 'a,b,label\n1,2,0\n3,4,1\n5,6,1\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 2-input model file without `dataset` metadata whose last layer has `units` outputs of `activation`. */
const model = (activation: ActivationName, units: number) => {
  const spec = { inputs: 2, layers: [{ units, activation }] };
  return { spec, params: sequential(spec).init(createRng(1)) };
};

describe('loadCsvForModel without dataset metadata', () => {
  it('reads a model ending in class probabilities (softmax) as a classifier', () => {
    const { data } = loadCsvForModel(csv, model('softmax', 2), undefined);
    expect(data).toMatchObject({ task: 'classification', classes: 2, targets: 2 });
  });
  it('reads any other model as a regressor', () => {
    for (const activation of ['identity', 'sigmoid'] as const) expect(loadCsvForModel(csv, model(activation, 1), undefined).data.task).toBe('regression');
  });
});

describe('loadCsvForModel with a bad normalization (#11 F11)', () => {
  it('names the model file, not the CSV', () => {
    const bad = { ...model('identity', 1), normalization: { kind: 'standardize', mean: [0], std: [1] } };
    expect(() => loadCsvForModel(csv, bad, undefined, { modelPath: 'm.safetensors' })).toThrow('m.safetensors: metadata "normalization".mean: 1 values for a model with 2 inputs');
  });
});
