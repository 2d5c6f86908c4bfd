import { describe, expect, it } from '@jest/globals';
import { tensor } from '@clearprop/tensor';
import { binaryCrossEntropy, binaryCrossEntropyFromLogits, softmaxCrossEntropy } from './cross-entropy.ts';
import { LOSSES } from './registry.ts';
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

describe('weighted losses (class × sample weights): a weighted mean, the unweighted mean beside it', () => {
  const w = (v: number[]) => t(v, [v.length]);
  it('halfSumSquared: rows ½Σd² = 0.5 and 6.5, weights 1 and 3 → (0.5 + 19.5)/4 = 5; ∂ = w·d/Σw', () => {
    const { value, unweighted, grad } = lossValueAndGrad(halfSumSquared, t([1, 2, 3, 4], [2, 2]), t([0, 2, 1, 1], [2, 2]), w([1, 3]));
    expect(value).toBeCloseTo(5, 12);
    expect(unweighted).toBeCloseTo(3.5, 12);
    expect(Array.from(grad.data)).toEqual([0.25, 0, 1.5, 2.25]);
  });
  it('meanSquaredError: Σw·Σd² / (K·Σw) = (1·1 + 3·13)/(2·4) = 5; ∂ = 2w·d/(K·Σw)', () => {
    const { value, grad } = lossValueAndGrad(meanSquaredError, t([1, 2, 3, 4], [2, 2]), t([0, 2, 1, 1], [2, 2]), w([1, 3]));
    expect(value).toBeCloseTo(5, 12);
    expect(Array.from(grad.data)).toEqual([0.25, 0, 1.5, 2.25]);
  });
  it('binaryCrossEntropy: (3·ln 2 + 1·ln 5)/4 for p = 0.5, 0.8 against y = 1, 0 weighted 3 and 1', () => {
    const { value, unweighted, grad } = lossValueAndGrad(binaryCrossEntropy, t([0.5, 0.8], [2, 1]), t([1, 0], [2, 1]), w([3, 1]));
    expect(value).toBeCloseTo((3 * Math.log(2) + Math.log(5)) / 4, 12);
    expect(unweighted).toBeCloseTo((Math.log(2) + Math.log(5)) / 2, 12);
    // ∂ℓ/∂p = (p − y)/(p(1 − p)): −2 and 5; times w/Σw.
    expect(Array.from(grad.data).map((v) => +v.toFixed(12))).toEqual([-1.5, 1.25]);
  });
  it('binaryCrossEntropyFromLogits: ∂ = w·(σ(z) − y)/Σw', () => {
    const { value, grad } = lossValueAndGrad(binaryCrossEntropyFromLogits, t([0, 0], [2, 1]), t([1, 0], [2, 1]), w([3, 1]));
    expect(value).toBeCloseTo(Math.log(2), 12);
    expect(Array.from(grad.data)).toEqual([-0.375, 0.125]);
  });
  it('softmaxCrossEntropy: a row weighted 0 contributes nothing, to the value or the gradient', () => {
    const { value, unweighted, grad } = lossValueAndGrad(softmaxCrossEntropy, t([0, 0, 0, 1000], [2, 2]), t([1, 0, 1, 0], [2, 2]), w([2, 0]));
    expect(value).toBeCloseTo(Math.log(2), 12);
    expect(unweighted).toBeCloseTo((Math.log(2) + 1000) / 2, 9);
    expect(Array.from(grad.data).map((v) => +v.toFixed(12))).toEqual([-0.5, 0.5, 0, 0]);
  });
  it('a batch whose weights are all 0 has loss 0 and no gradient (not 0/0)', () => {
    for (const loss of Object.values(LOSSES)) {
      const { value, grad } = lossValueAndGrad(loss, t([0.3, 0.6], [2, 1]), t([1, 0], [2, 1]), w([0, 0]));
      expect([loss.name, value, Array.from(grad.data)]).toEqual([loss.name, 0, [0, 0]]);
    }
  });
  it('weights of 1 give the unweighted numbers bit for bit, for every loss', () => {
    for (const loss of Object.values(LOSSES)) {
      const pred = t([0.2, 0.7, 0.1, 0.4, 0.35, 0.25], [3, 2]);
      const target = t([0, 1, 1, 0, 1, 0], [3, 2]);
      const plain = lossValueAndGrad(loss, pred, target);
      const ones = lossValueAndGrad(loss, pred, target, w([1, 1, 1]));
      expect([loss.name, ones.value, ones.unweighted, Array.from(ones.grad.data)]).toEqual([loss.name, plain.value, plain.value, Array.from(plain.grad.data)]);
    }
  });
  it('names the shapes when the weights do not match the batch', () => {
    expect(() => lossValueAndGrad(halfSumSquared, t([1, 2], [2, 1]), t([1, 2], [2, 1]), w([1, 2, 3]))).toThrow('halfSumSquared: weights vs batch: shapes [3] and [2] differ');
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
