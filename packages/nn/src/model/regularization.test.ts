import { describe, expect, it } from '@jest/globals';
import { createRng, tensor, tsKernels } from '@clearprop/tensor';
import { halfSumSquared } from '../losses/squared.ts';
import { predict, valueAndGrad } from './forward.ts';
import { ModelSpecError, sequential } from './model.ts';
import { addPenaltyGradient, dropoutKernel, penaltyValue } from './regularization.ts';
import { createWorkspace, forwardInto } from './workspace.ts';

const f64 = (v: number[], shape: number[]) => tensor(v, shape, { dtype: 'float64' });

describe('weight penalties: C += ½λ₂‖W‖² + λ₁‖W‖₁, ∂C/∂W += λ₂W + λ₁sign(W); biases are not penalized', () => {
  const model = sequential({ inputs: 2, layers: [{ units: 2, activation: 'identity', regularization: { l2: 0.5, l1: 0.1 } }, { units: 1, activation: 'identity' }] });
  const params = [
    { weight: f64([1, -2, 0, 3], [2, 2]), bias: f64([7, 7], [2]) },
    { weight: f64([5, 5], [1, 2]), bias: f64([0], [1]) },
  ];
  it('value: ½·0.5·(1 + 4 + 0 + 9) + 0.1·(1 + 2 + 0 + 3) = 4.1, only from the penalized layer, not its bias', () => {
    expect(penaltyValue(model, params)).toBeCloseTo(4.1, 12);
  });
  it('gradient: λ₂W + λ₁sign(W) with sign(0) = 0', () => {
    const dw = new Float64Array(4);
    addPenaltyGradient(params[0].weight.data, dw, model.penalties[0]);
    expect(Array.from(dw).map((v) => +v.toFixed(12))).toEqual([0.6, -1.1, 0, 1.6]);
  });
  it('valueAndGrad reports data loss, penalty and their sum; the bias gradient has no penalty term', () => {
    const x = f64([1, 1], [1, 2]);
    const y = f64([0], [1, 1]);
    const plain = sequential({ ...model.spec, layers: model.spec.layers.map(({ regularization: _r, ...l }) => l) });
    const withPenalty = valueAndGrad(model, params, halfSumSquared, x, y);
    const without = valueAndGrad(plain, params, halfSumSquared, x, y);
    expect(withPenalty.loss).toBe(without.value);
    expect(withPenalty.penalty).toBeCloseTo(4.1, 12);
    expect(withPenalty.value).toBeCloseTo(without.value + 4.1, 12);
    expect(Array.from(withPenalty.grads[0].bias.data)).toEqual(Array.from(without.grads[0].bias.data));
    const extra = Array.from(withPenalty.grads[0].weight.data, (g, i) => +(g - without.grads[0].weight.data[i]).toFixed(12));
    expect(extra).toEqual([0.6, -1.1, 0, 1.6]);
    expect(Array.from(withPenalty.grads[1].weight.data)).toEqual(Array.from(without.grads[1].weight.data));
  });
});

describe('inverted dropout', () => {
  it('zeroes about p of the units and scales the rest by 1/(1 − p), from the Rng, reproducibly', () => {
    const n = 20000;
    const a = new Float64Array(n).fill(0.5);
    const [mask, kept] = [new Float64Array(n), new Float64Array(n)];
    dropoutKernel(a, mask, kept, n, 0.25, createRng(1));
    const zeros = mask.filter((m) => m === 0).length;
    expect(Math.abs(zeros / n - 0.25)).toBeLessThan(0.01); // binomial sd ≈ 0.003
    expect(new Set(mask)).toEqual(new Set([0, 4 / 3]));
    expect(kept.every((k, i) => k === 0.5 * mask[i])).toBe(true);
    const again = new Float64Array(n);
    dropoutKernel(a, again, new Float64Array(n), n, 0.25, createRng(1));
    expect(again).toEqual(mask);
  });
  it('drops only in training: a forward pass without an Rng, and predict, equal the network without dropout', () => {
    const spec = { inputs: 3, layers: [{ units: 8, activation: 'relu' as const, dropout: 0.5 }, { units: 2, activation: 'identity' as const }] };
    const model = sequential(spec);
    const plain = sequential({ ...spec, layers: [{ units: 8, activation: 'relu' as const }, spec.layers[1]] });
    const params = model.init(createRng(2));
    const x = tensor([0.5, -1, 2, 1, 1, 1], [2, 3]);
    const ws = createWorkspace(model, 2);
    const evaluation = Array.from(forwardInto(model, params, ws, 2, tsKernels, x.data).subarray(0, 4));
    expect(evaluation).toEqual(Array.from(predict(plain, params, x).data));
    expect(Array.from(predict(model, params, x).data)).toEqual(evaluation);
    const training = Array.from(forwardInto(model, params, ws, 2, tsKernels, x.data, createRng(3)).subarray(0, 4));
    expect(training).not.toEqual(evaluation);
    expect(ws.dropped[0]).toBe(1);
  });
  it('the same masks give the same gradients, other masks other gradients', () => {
    const model = sequential({ inputs: 2, layers: [{ units: 6, activation: 'tanh', dropout: 0.4 }, { units: 1, activation: 'identity' }] });
    const params = model.init(createRng(4));
    const x = tensor([1, 2, -1, 0.5], [2, 2]);
    const y = tensor([0.3, -0.2], [2, 1]);
    const grads = (seed: number) => Array.from(valueAndGrad(model, params, halfSumSquared, x, y, { dropout: createRng(seed) }).grads[0].weight.data);
    expect(grads(5)).toEqual(grads(5));
    expect(grads(5)).not.toEqual(grads(6));
  });
});

describe('model spec: penalties and dropout are checked, naming the layer and field', () => {
  const layer = { units: 2, activation: 'relu' as const };
  const out = { units: 1, activation: 'identity' as const };
  it.each([
    [{ ...layer, dropout: 1 }, 'model.layers[0].dropout must be in [0, 1), got 1'],
    [{ ...layer, dropout: -0.1 }, 'model.layers[0].dropout must be in [0, 1), got -0.1'],
    [{ ...layer, regularization: { l2: -1 } }, 'model.layers[0].regularization.l2 must be a finite number ≥ 0, got -1'],
    [{ ...layer, regularization: { l1: Number.NaN } }, 'model.layers[0].regularization.l1 must be a finite number ≥ 0, got NaN'],
  ])('%j', (bad, message) => {
    expect(() => sequential({ inputs: 2, layers: [bad, out] })).toThrow(new ModelSpecError(message));
  });
  it('refuses dropout on the output layer', () => {
    expect(() => sequential({ inputs: 2, layers: [layer, { ...out, dropout: 0.5 }] })).toThrow('model.layers[1].dropout: the output layer cannot drop units');
  });
  it('summarises what a run needs to know', () => {
    const model = sequential({ inputs: 2, layers: [{ ...layer, dropout: 0.2, regularization: { l1: 0.1 } }, out] });
    expect([model.penalties, model.dropout, model.penalized, model.dropsUnits]).toEqual([[{ l1: 0.1, l2: 0 }, { l1: 0, l2: 0 }], [0.2, 0], true, true]);
  });
});
