import { describe, expect, it } from '@jest/globals';
import { NonFiniteError, ShapeError, toRows } from '@clearprop/tensor';
import { assertCompatible, dataset, fromArrays, fullBatch } from './dataset.ts';
import { classCounts, fromLabels, labels, oneHot } from './labels.ts';

describe('dataset', () => {
  it('adopts flat arrays and fills defaults', () => {
    const x = new Float32Array([1, 2, 3, 4, 5, 6]);
    const ds = dataset({ x, y: [7, 8, 9], features: 2, targets: 1 });
    expect(ds.x).toBe(x);
    expect(ds).toMatchObject({ name: 'dataset', task: 'regression', length: 3, features: 2, targets: 1, classes: 0 });
    expect(ds.featureNames).toEqual(['x0', 'x1']);
    expect(ds.targetNames).toEqual(['y0']);
    expect(ds.classLabels).toEqual([]);
  });

  it('rejects arrays that do not share one row count', () => {
    expect(() => dataset({ x: [1, 2, 3], y: [1, 2], features: 2, targets: 1 })).toThrow(ShapeError);
  });

  it('rejects non-finite values, naming row and column', () => {
    expect(() => dataset({ x: [1, 2, 3, NaN], y: [1, 2], features: 2, targets: 1 })).toThrow(NonFiniteError);
    expect(() => dataset({ x: [1, 2, 3, NaN], y: [1, 2], features: 2, targets: 1 })).toThrow(/row 1, column 1/);
  });

  it('requires one-hot targets for classification', () => {
    expect(() => dataset({ task: 'classification', x: [0, 1], y: [1, 0, 0.5, 0.5], features: 1, targets: 2 })).toThrow(
      /row 1 is \[0.5, 0.5\], not one-hot/,
    );
  });

  it('fromArrays builds from rows and checks raggedness', () => {
    const ds = fromArrays([[1, 2], [3, 4]], [[5], [6]], { featureNames: ['a', 'b'] });
    expect(Array.from(ds.x)).toEqual([1, 2, 3, 4]);
    expect(ds.featureNames).toEqual(['a', 'b']);
    expect(() => fromArrays([[1, 2], [3]], [[5], [6]])).toThrow(/x row 1 has 1 values/);
  });

  it('fullBatch aliases the arrays as [length, ·] tensors', () => {
    const ds = fromArrays([[1, 2], [3, 4]], [[5], [6]]);
    const batch = fullBatch(ds);
    expect(batch.x.data).toBe(ds.x);
    expect(toRows(batch.y)).toEqual([[5], [6]]);
  });

  it('assertCompatible compares columns and task', () => {
    const a = fromArrays([[1, 2]], [[1]], { name: 'train' });
    expect(() => assertCompatible(a, fromArrays([[3, 4]], [[2]]))).not.toThrow();
    expect(() => assertCompatible(a, fromArrays([[3]], [[2]], { name: 'other' }))).toThrow(/train is .* but other is/);
  });
});

describe('labels', () => {
  it('oneHot and labels round-trip', () => {
    expect(Array.from(oneHot([2, 0], 3))).toEqual([0, 0, 1, 1, 0, 0]);
    const ds = fromLabels([0, 1, 2, 3], [1, 0, 1, 1], { features: 1 });
    expect(ds.classes).toBe(2);
    expect(ds.classLabels).toEqual(['0', '1']);
    expect(Array.from(labels(ds))).toEqual([1, 0, 1, 1]);
    expect(classCounts(ds)).toEqual([1, 3]);
  });

  it('oneHot rejects out-of-range and fractional labels', () => {
    expect(() => oneHot([3], 3)).toThrow(/label 3 at index 0/);
    expect(() => oneHot([0.5], 3)).toThrow(RangeError);
  });

  it('labels refuses regression sets', () => {
    expect(() => labels(fromArrays([[1]], [[1]]))).toThrow(/regression dataset, not classification/);
  });
});
