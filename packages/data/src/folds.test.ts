import { describe, expect, it } from '@jest/globals';
import { createRng } from '@clearprop/tensor';
import { fromArrays } from './dataset.ts';
import { foldIndices } from './folds.ts';
import { labels } from './labels.ts';
import { sortedToyDataset } from './testing/index.ts';

const sorted = (parts: readonly Int32Array[]): number[] => parts.flatMap((p) => Array.from(p)).sort((a, b) => a - b);

describe('foldIndices', () => {
  it.each([false, true])('folds are disjoint, cover every row and differ in size by at most one (stratify %s)', (stratify) => {
    const ds = sortedToyDataset([17, 9, 5]);
    const folds = foldIndices(ds, { folds: 4, rng: createRng(1), stratify });
    expect(folds).toHaveLength(4);
    expect(sorted(folds)).toEqual(Array.from({ length: 31 }, (_, i) => i));
    expect(folds.map((f) => f.length).sort()).toEqual([7, 8, 8, 8]);
  });

  it('stratified folds hold ⌊n_c/k⌋ or ⌈n_c/k⌉ rows of every class', () => {
    const ds = sortedToyDataset([17, 9, 5]);
    const classOf = labels(ds);
    const folds = foldIndices(ds, { folds: 4, rng: createRng(2), stratify: true });
    for (const [c, n] of [17, 9, 5].entries()) {
      const counts = folds.map((fold) => Array.from(fold).filter((row) => classOf[row] === c).length);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
      for (const count of counts) expect([Math.floor(n / 4), Math.ceil(n / 4)]).toContain(count);
    }
  });

  it('iris-shaped data (3 × 40 rows, k = 5): 8 rows of each class in every fold', () => {
    const ds = sortedToyDataset([40, 40, 40]);
    const classOf = labels(ds);
    for (const fold of foldIndices(ds, { folds: 5, rng: createRng(3), stratify: true })) {
      expect([0, 1, 2].map((c) => Array.from(fold).filter((row) => classOf[row] === c).length)).toEqual([8, 8, 8]);
    }
  });

  it('unstratified folds of class-sorted data are not class-pure, and folds are not left sorted', () => {
    const ds = sortedToyDataset([30, 30]);
    const classOf = labels(ds);
    const folds = foldIndices(ds, { folds: 3, rng: createRng(4) });
    for (const fold of folds) {
      expect(new Set(Array.from(fold, (row) => classOf[row])).size).toBe(2);
      expect(Array.from(fold)).not.toEqual(Array.from(fold).sort((a, b) => a - b));
    }
  });

  it('is deterministic per seed and differs between seeds', () => {
    const ds = sortedToyDataset([20, 20]);
    expect(foldIndices(ds, { folds: 5, rng: createRng(7), stratify: true })).toEqual(foldIndices(ds, { folds: 5, rng: createRng(7), stratify: true }));
    expect(foldIndices(ds, { folds: 5, rng: createRng(7) })).not.toEqual(foldIndices(ds, { folds: 5, rng: createRng(8) }));
  });

  it('rejects k < 2, k > rows, a fractional k and stratifying a regression set', () => {
    const ds = sortedToyDataset([3, 3]);
    expect(() => foldIndices(ds, { folds: 1, rng: createRng(1) })).toThrow(/folds: expected an integer in 2…6.*got 1/);
    expect(() => foldIndices(ds, { folds: 7, rng: createRng(1) })).toThrow(RangeError);
    expect(() => foldIndices(ds, { folds: 2.5, rng: createRng(1) })).toThrow(RangeError);
    const regression = fromArrays([[1], [2], [3]], [[1], [2], [3]]);
    expect(() => foldIndices(regression, { folds: 2, rng: createRng(1), stratify: true })).toThrow(/not classification/);
  });
});
