import { describe, expect, it } from '@jest/globals';
import { tensor } from '@clearprop/tensor';
import { binaryCrossEntropy, binaryCrossEntropyFromLogits, softmaxCrossEntropy } from './cross-entropy.ts';
import { lossValueAndGrad, resolveLoss } from './resolve.ts';
import { halfSumSquared, meanSquaredError } from './squared.ts';

const t = (v: number[], shape: number[]) => tensor(v, shape, { dtype: 'float64' });

describe('loss fixtures (value, gradient; mean over the batch)', () => {
  const pred = t([1, 2, 3, 4], [2, 2]);
  const target = t([0, 2, 1, 1], [2, 2]);
  it('halfSumSquared is the seed’s ½Σ(ŷ−y)² per sample, averaged', () => {
    const { value, grad } = lossValueAndGrad(halfSumSquared, pred, target);
    expect(value).toBeCloseTo((0.5 * (1 + 0) + 0.5 * (4 + 9)) / 2, 12);
    expect(Array.from(grad.data)).toEqual([0.5, 0, 1, 1.5]);
  });
  it('meanSquaredError is torch MSELoss (mean over every element)', () => {
    const { value, grad } = lossValueAndGrad(meanSquaredError, pred, target);
    expect(value).toBeCloseTo((1 + 0 + 4 + 9) / 4, 12);
    expect(Array.from(grad.data)).toEqual([0.5, 0, 1, 1.5]);
  });
  it('binaryCrossEntropy clips probabilities so certainty stays finite', () => {
    const { value } = lossValueAndGrad(binaryCrossEntropy, t([0.5, 0, 1], [3, 1]), t([1, 1, 1], [3, 1]));
    expect(value).toBeCloseTo((Math.log(2) - Math.log(1e-7) - Math.log(1 - 1e-7)) / 3, 6);
  });
  it('binaryCrossEntropyFromLogits matches the probability form and is stable at |z| = 1000', () => {
    const z = t([0.3, -1.2], [2, 1]);
    const y = t([1, 0], [2, 1]);
    const p = t([1 / (1 + Math.exp(-0.3)), 1 / (1 + Math.exp(1.2))], [2, 1]);
    expect(lossValueAndGrad(binaryCrossEntropyFromLogits, z, y).value).toBeCloseTo(lossValueAndGrad(binaryCrossEntropy, p, y).value, 12);
    expect(lossValueAndGrad(binaryCrossEntropyFromLogits, t([1000, -1000], [2, 1]), y).value).toBeCloseTo(0, 12);
  });
  it('softmaxCrossEntropy gradient is (softmax(z) − y)/B, stable for huge logits', () => {
    const { value, grad } = lossValueAndGrad(softmaxCrossEntropy, t([0, 0, 1000, 0], [2, 2]), t([1, 0, 1, 0], [2, 2]));
    expect(value).toBeCloseTo(Math.log(2) / 2, 12);
    expect(Array.from(grad.data).map((v) => +v.toFixed(12))).toEqual([-0.25, 0.25, 0, 0]);
  });
});

describe('loss errors', () => {
  it('names both shapes for a wrong target width', () => {
    expect(() => lossValueAndGrad(halfSumSquared, t([1, 2], [2, 1]), t([1, 2], [1, 2]))).toThrow('halfSumSquared: prediction vs target: shapes [2, 1] and [1, 2] differ');
  });
  it('lists the valid names for an unknown loss', () => {
    expect(() => resolveLoss('hinge')).toThrow('unknown loss "hinge"; expected one of halfSumSquared, meanSquaredError, binaryCrossEntropy, binaryCrossEntropyFromLogits, softmaxCrossEntropy');
  });
});
