import { describe, expect, it } from '@jest/globals';
import { createRng } from '@clearprop/tensor';
import { fromArrays } from './dataset.ts';
import { classCounts } from './labels.ts';
import { splitDataset, splitIndices } from './split.ts';
import { rowIds, sortedToyDataset } from './testing/index.ts';

const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const sortedUnion = (...parts: Int32Array[]): number[] => parts.flatMap((p) => Array.from(p)).sort((a, b) => a - b);

describe('splitIndices', () => {
  const ds = sortedToyDataset([50, 50, 50]);
  const fractions = { train: 0.7, validation: 0.1, test: 0.2 };

  it.each([false, true])('parts are disjoint and cover every row (stratify %s)', (stratify) => {
    const { train, validation, test } = splitIndices(ds, { fractions, rng: createRng(1), stratify });
    expect(sortedUnion(train, validation, test)).toEqual(all(150));
    expect([train.length, validation.length, test.length]).toEqual([105, 15, 30]);
  });

  it.each([false, true])('shuffles before splitting: a class-sorted set has every class in every part (stratify %s)', (stratify) => {
    const split = splitDataset(ds, { fractions, rng: createRng(2), stratify });
    for (const part of [split.train, split.validation, split.test]) {
      expect(classCounts(part).every((count) => count > 0)).toBe(true);
    }
  });

  it('stratified parts keep the class proportions to within one row per class', () => {
    const skewed = sortedToyDataset([90, 30, 15]);
    const split = splitDataset(skewed, { fractions: { train: 0.6, validation: 0.2, test: 0.2 }, rng: createRng(3), stratify: true });
    expect(classCounts(split.train)).toEqual([54, 18, 9]);
    expect(classCounts(split.validation)).toEqual([18, 6, 3]);
    expect(classCounts(split.test)).toEqual([18, 6, 3]);
  });

  it('stratified rounding ties go to the part below its overall target', () => {
    const { train, test } = splitIndices(sortedToyDataset([5, 5]), { fractions: { train: 0.5, test: 0.5 }, rng: createRng(4), stratify: true });
    expect([train.length, test.length]).toEqual([5, 5]);
  });

  it('stratified parts are not left class-sorted', () => {
    const { train } = splitDataset(ds, { fractions: { train: 0.8, test: 0.2 }, rng: createRng(5), stratify: true });
    const ids = rowIds(train);
    expect(ids).not.toEqual([...ids].sort((a, b) => a - b));
  });

  it('is deterministic per seed', () => {
    const a = splitIndices(ds, { fractions, rng: createRng(9), stratify: true });
    const b = splitIndices(ds, { fractions, rng: createRng(9), stratify: true });
    expect(a).toEqual(b);
    expect(splitIndices(ds, { fractions, rng: createRng(10) })).not.toEqual(splitIndices(ds, { fractions, rng: createRng(11) }));
  });

  it('omitted parts are empty and datasets carry names and metadata', () => {
    const split = splitDataset(ds, { fractions: { train: 1 }, rng: createRng(1) });
    expect(split.train.length).toBe(150);
    expect(split.validation.length).toBe(0);
    expect(split.test.name).toBe('toy/test');
    expect(split.test.classes).toBe(3);
  });

  it('rows of each part match the source rows at its indices', () => {
    const split = splitDataset(ds, { fractions, rng: createRng(6) });
    expect(rowIds(split.test)).toEqual(Array.from(split.indices.test));
  });

  it('rejects fractions that do not sum to 1, and stratifying regression sets', () => {
    expect(() => splitIndices(ds, { fractions: { train: 0.7, test: 0.2 }, rng: createRng(1) })).toThrow(/sum to 1.*train 0.7/);
    expect(() => splitIndices(ds, { fractions: { train: 1.2, test: -0.2 }, rng: createRng(1) })).toThrow(RangeError);
    const regression = fromArrays([[1], [2]], [[1], [2]]);
    expect(() => splitIndices(regression, { fractions: { train: 1 }, rng: createRng(1), stratify: true })).toThrow(/not classification/);
  });
});
