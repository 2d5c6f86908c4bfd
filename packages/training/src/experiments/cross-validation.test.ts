import { describe, expect, it } from '@jest/globals';
import { classCounts } from '@clearprop/data';
import { buildExperiment } from './build.ts';
import { presetConfig } from './presets.ts';
import { ConfigError, parseConfig } from './schema.ts';
import type { ExperimentConfig } from './types.ts';

const iris = presetConfig('iris');
const { validationSplit: _dropped, ...irisData } = iris.data;
const fold = (index: number, count = 5): ExperimentConfig => ({ ...iris, data: { ...irisData, fold: { index, count } } });
/** The rows of a dataset as strings (features and targets), to compare sets of rows across parts. */
const rows = (ds: { length: number; features: number; targets: number; x: Float32Array; y: Float32Array }) =>
  Array.from({ length: ds.length }, (_, i) => `${Array.from(ds.x.subarray(i * ds.features, (i + 1) * ds.features))}|${Array.from(ds.y.subarray(i * ds.targets, (i + 1) * ds.targets))}`);

describe('data.fold: k-fold cross-validation in buildExperiment', () => {
  it('iris, 5 folds: the 80% left after the test split is cut into 5 stratified folds of 8 rows per class', () => {
    const parts = [1, 2, 3, 4, 5].map((i) => buildExperiment(fold(i)).spec);
    for (const spec of parts) {
      expect(spec.validation?.length).toBe(24);
      expect(classCounts(spec.validation as never)).toEqual([8, 8, 8]);
      expect(spec.train.length).toBe(96);
      expect(spec.test?.length).toBe(30);
    }
    // Unscaled rows, so the parts can be compared (as multisets: iris has duplicate rows): the validation folds
    // together are the pooled rows, and each fold's training rows are the pool minus that fold.
    const unscaled = [1, 2, 3, 4, 5].map((i) => buildExperiment({ ...fold(i), data: { ...fold(i).data, standardize: false } }).spec);
    const pool = [...rows(unscaled[0].train), ...rows(unscaled[0].validation as never)].sort();
    expect(unscaled.flatMap((spec) => rows(spec.validation as never)).sort()).toEqual(pool);
    for (const spec of unscaled) {
      expect([...rows(spec.train), ...rows(spec.validation as never)].sort()).toEqual(pool);
      expect(rows(spec.test as never)).toEqual(rows(unscaled[0].test as never)); // one test split for every fold
    }
  });

  it('fits the scaler on the training folds only', () => {
    const a = buildExperiment(fold(1));
    const b = buildExperiment(fold(2));
    expect(a.normalization).toBeDefined();
    expect(a.normalization).not.toEqual(b.normalization);
  });

  it('the schema rejects an index outside 1…count and a fold next to a validation split', () => {
    expect(() => parseConfig(fold(6), 'cv.json')).toThrow(ConfigError);
    expect(() => parseConfig(fold(6), 'cv.json')).toThrow('cv.json: data.fold.index: fold.index must be in 1…fold.count');
    expect(() => parseConfig({ ...iris, data: { ...iris.data, fold: { index: 1, count: 5 } } }, 'cv.json'))
      .toThrow('cv.json: data.fold: fold (cross-validation) takes its validation rows from the folds; remove "validation" and "validationSplit"');
    expect(() => parseConfig({ ...iris, data: { ...irisData, fold: { index: 1, count: 1 } } }, 'cv.json')).toThrow(/data\.fold\.count/);
  });
});
