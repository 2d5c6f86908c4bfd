import { describe, expect, it } from '@jest/globals';
import { createRng, ShapeError } from '@clearprop/tensor';
import { fromArrays } from '../dataset.ts';
import { splitDataset } from '../split.ts';
import { sortedToyDataset } from '../testing/index.ts';
import { fitMinMax, fitStandardizer } from './fit.ts';
import { applyScaler, applyScalerInPlace } from './scaler.ts';

const ds = fromArrays([[1, 10, 5], [3, 20, 5], [5, 60, 5]], [[0], [1], [2]]);

describe('fitStandardizer', () => {
  it('fits population mean and std; a constant feature gets std 1', () => {
    const scaler = fitStandardizer(ds);
    expect(scaler.kind).toBe('standardize');
    expect(scaler.mean).toEqual([3, 30, 5]);
    expect(scaler.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(scaler.std[2]).toBe(1);
  });

  it('is plain JSON that round-trips', () => {
    const scaler = fitStandardizer(ds);
    expect(JSON.parse(JSON.stringify(scaler))).toEqual(scaler);
  });

  it('applyScaler gives zero mean, unit variance, and leaves the source alone', () => {
    const scaled = applyScaler(fitStandardizer(ds), ds);
    const column0 = [scaled.x[0], scaled.x[3], scaled.x[6]];
    expect(column0.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 6);
    expect(column0.reduce((a, b) => a + b * b, 0) / 3).toBeCloseTo(1, 6);
    expect([scaled.x[2], scaled.x[5]]).toEqual([0, 0]);
    expect(ds.x[0]).toBe(1);
    expect(scaled.y).toBe(ds.y);
  });

  it('rejects an empty dataset', () => {
    expect(() => fitStandardizer(fromArrays([], [], { featureNames: ['a'] }))).toThrow(/no rows to fit on/);
  });
});

describe('fitMinMax', () => {
  it('maps the fitted range onto [0, 1]; a zero range maps to x − min', () => {
    const scaler = fitMinMax(ds);
    expect(scaler).toEqual({ kind: 'minMax', min: [1, 10, 5], max: [5, 60, 5] });
    const scaled = applyScaler(scaler, ds);
    expect(Array.from(scaled.x)).toEqual([0, 0, 0, 0.5, Math.fround(0.2), 0, 1, 1, 0]);
  });
});

describe('applyScalerInPlace', () => {
  it('scales only the first rows·cols values of a caller buffer', () => {
    const x = new Float32Array([1, 10, 5, 5, 60, 5, 99]);
    applyScalerInPlace(fitMinMax(ds), x, 2, 3);
    expect(Array.from(x)).toEqual([0, 0, 0, 1, 1, 0, 99]);
  });

  it('throws ShapeError on a feature count mismatch', () => {
    expect(() => applyScalerInPlace(fitMinMax(ds), new Float32Array(4), 2, 2)).toThrow(ShapeError);
  });

  it('divides by 1 for a zero std from hand-edited JSON', () => {
    const x = new Float32Array([4]);
    applyScalerInPlace({ kind: 'standardize', mean: [1], std: [0] }, x, 1, 1);
    expect(x[0]).toBe(3);
  });
});

describe('fitted on the training part only', () => {
  it('test statistics do not leak into the scaler', () => {
    const { train, test } = splitDataset(sortedToyDataset([40, 40]), { fractions: { train: 0.5, test: 0.5 }, rng: createRng(8) });
    const scaler = fitMinMax(train);
    const trainIds = Array.from({ length: train.length }, (_, i) => train.x[i * 2]);
    expect(scaler.min[0]).toBe(Math.min(...trainIds));
    expect(scaler.max[0]).toBe(Math.max(...trainIds));
    const scaledTrain = applyScaler(scaler, train);
    expect(Math.min(...scaledTrain.x.filter((_, k) => k % 2 === 0))).toBe(0);
    expect(Math.max(...scaledTrain.x.filter((_, k) => k % 2 === 0))).toBe(1);
    const scaledTest = applyScaler(scaler, test);
    expect(scaledTest.length).toBe(test.length);
  });
});
