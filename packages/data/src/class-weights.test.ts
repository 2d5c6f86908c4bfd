import { describe, expect, it } from '@jest/globals';
import { balancedClassWeights, withClassWeights } from './class-weights.ts';
import { binaryTargets, fromLabels, labels } from './labels.ts';
import { subset } from './subset.ts';
import { dataset } from './dataset.ts';

const set = (classIndices: number[], classes?: number) => fromLabels(classIndices.map((c) => c * 10), classIndices, { features: 1, ...(classes ? { classes } : {}) });

describe('balancedClassWeights: n / (K · n_k), as scikit-learn', () => {
  // Expected values from Debian's python3-sklearn 1.2.1:
  //   from sklearn.utils.class_weight import compute_class_weight; import numpy as np
  //   y = np.array([0,0,0,1,2,2,2,2]); compute_class_weight('balanced', classes=np.unique(y), y=y).tolist()
  //   → [0.8888888888888888, 2.6666666666666665, 0.6666666666666666]
  //   y = np.array([0,0,2,2,2]) → [1.25, 0.8333333333333334]   (classes=np.unique(y): class 1 absent)
  it('weighs every class alike in total', () => {
    expect(balancedClassWeights(set([0, 0, 0, 1, 2, 2, 2, 2]))).toEqual([0.8888888888888888, 2.6666666666666665, 0.6666666666666666]);
  });
  it('counts only the classes present (K = 2 here) and gives an absent class 1', () => {
    expect(balancedClassWeights(set([0, 0, 2, 2, 2], 3))).toEqual([1.25, 1, 0.8333333333333334]);
  });
});

describe('withClassWeights', () => {
  it('multiplies each row’s weight (1 without sample weights) by its class’s', () => {
    const ds = withClassWeights(set([0, 1, 1, 2]), [2, 0.5, 0]);
    expect(Array.from(ds.weights ?? [])).toEqual([2, 0.5, 0.5, 0]);
    const again = withClassWeights(ds, [3, 2, 1]);
    expect(Array.from(again.weights ?? [])).toEqual([6, 1, 1, 0]);
  });
  it('rejects a list that is not one finite weight ≥ 0 per class', () => {
    expect(() => withClassWeights(set([0, 1]), [1])).toThrow('class weights [1] must be 2 finite numbers ≥ 0, one per class');
    expect(() => withClassWeights(set([0, 1]), [1, -1])).toThrow(RangeError);
  });
});

describe('binary classification in one column', () => {
  it('binaryTargets turns two one-hot classes into a 0/1 column, keeping labels, names and weights', () => {
    const two = withClassWeights(set([0, 1, 1, 0]), [1, 3]);
    const binary = binaryTargets(two);
    expect([binary.targets, binary.classes, Array.from(binary.y), binary.classLabels]).toEqual([1, 2, [0, 1, 1, 0], ['0', '1']]);
    expect(Array.from(labels(binary))).toEqual([0, 1, 1, 0]);
    expect(Array.from(binary.weights ?? [])).toEqual([1, 3, 3, 1]);
    expect(binaryTargets(binary)).toBe(binary);
  });
  it('needs exactly two classes', () => {
    expect(() => binaryTargets(set([0, 1, 2]))).toThrow('dataset: one output unit classifies two classes (labels 0 and 1), but the data has 3 classes');
  });
  it('dataset() checks binary labels are 0 or 1 and that a one-hot Y has a column per class', () => {
    expect(() => dataset({ x: [1, 2], y: [0, 0.5], features: 1, targets: 1, classes: 2, task: 'classification' })).toThrow('dataset: binary classification target row 1 is 0.5, not 0 or 1');
    expect(() => dataset({ x: [1, 2], y: [1, 0, 0, 1], features: 1, targets: 2, classes: 3, task: 'classification' })).toThrow('dataset: 3 classes need 3 one-hot target columns');
  });
});

describe('per-row weights travel with their rows', () => {
  it('dataset() checks them: one per row, finite, ≥ 0', () => {
    const base = { x: [1, 2], y: [3, 4], features: 1, targets: 1 };
    expect(() => dataset({ ...base, weights: [1] })).toThrow('dataset: 1 weights for 2 rows');
    expect(() => dataset({ ...base, weights: [1, -2] })).toThrow('dataset: the weight of row 1 is -2; weights must be finite numbers ≥ 0');
    expect(() => dataset({ ...base, weights: [Number.NaN, 1] })).toThrow('the weight of row 0 is NaN');
  });
  it('subset gathers them with the rows', () => {
    const ds = dataset({ x: [1, 2, 3], y: [0, 0, 0], features: 1, targets: 1, weights: [0.5, 1.5, 2.5] });
    expect(Array.from(subset(ds, [2, 0]).weights ?? [])).toEqual([2.5, 0.5]);
    expect(subset(dataset({ x: [1], y: [0], features: 1, targets: 1 }), [0]).weights).toBeUndefined();
  });
});
