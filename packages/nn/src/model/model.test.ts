import { describe, expect, it } from '@jest/globals';
import { createRng, NonFiniteError, ShapeError, tensor, tsKernels } from '@clearprop/tensor';
import { expectClose, randomTensor } from '@clearprop/tensor/testing';
import { halfSumSquared } from '../losses/squared.ts';
import { softmaxCrossEntropy } from '../losses/cross-entropy.ts';
import { treeClone } from '../tree.ts';
import { forward, predict, valueAndGrad } from './forward.ts';
import { ModelSpecError, sequential } from './model.ts';
import { backwardInto, createWorkspace, forwardInto, lossInto } from './workspace.ts';

const model = sequential({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: { name: 'prelu' } }, { units: 2, activation: 'softmax' }] });

describe('sequential', () => {
  it('describes the architecture and counts parameters (W, b, PReLU α)', () => {
    expect(model.describe()).toBe('2-4-3-2 tanh/prelu/softmax');
    expect(model.parameterCount).toBe(4 * 3 + 3 * 5 + 3 + 2 * 4);
  });
  it('stores W as [out, in] and initialises deterministically per seed', () => {
    const p = model.init(createRng(1));
    expect(p.map((l) => l.weight.shape)).toEqual([[4, 2], [3, 4], [2, 3]]);
    expect(Array.from(p[2].alpha?.data ?? [])).toEqual([]);
    expect(Array.from(p[1].alpha?.data ?? [])).toEqual([0.25, 0.25, 0.25]);
    expect(model.init(createRng(1))[0].weight.data).toEqual(p[0].weight.data);
    expect(model.init(createRng(2))[0].weight.data).not.toEqual(p[0].weight.data);
  });
  it('the seed’s normal initializer draws biases too', () => {
    const m = sequential({ inputs: 1, layers: [{ units: 3, activation: 'sigmoid', init: 'normal' }] });
    expect(Array.from(m.init(createRng(3))[0].bias.data).every((b) => b !== 0)).toBe(true);
  });
  it('biasInit draws the bias like a row of weights (scikit-learn’s Glorot-uniform biases), zeros by default', () => {
    const m = sequential({ inputs: 4, layers: [{ units: 100, activation: 'relu', init: 'glorotUniform', biasInit: 'glorotUniform' }] });
    const bias = Array.from(m.init(createRng(4))[0].bias.data);
    const limit = Math.sqrt(6 / (4 + 100));
    expect(bias.every((b) => Math.abs(b) <= limit)).toBe(true);
    expect(Math.max(...bias.map(Math.abs))).toBeGreaterThan(0.8 * limit); // spread over the range, not collapsed at 0
    const zeros = sequential({ inputs: 4, layers: [{ units: 3, activation: 'relu', biasInit: 'zeros' }] });
    expect(Array.from(zeros.init(createRng(4))[0].bias.data)).toEqual([0, 0, 0]);
    expect(() => sequential({ inputs: 4, layers: [{ units: 3, activation: 'relu', biasInit: 'ones' as never }] })).toThrow('model.layers[0].biasInit: unknown initializer "ones"');
  });
  it('rejects bad specs naming layer and field', () => {
    expect(() => sequential({ inputs: 0, layers: [] })).toThrow('model.inputs must be a positive integer, got 0');
    expect(() => sequential({ inputs: 2, layers: [{ units: 2.5, activation: 'relu' }] })).toThrow(ModelSpecError);
    expect(() => sequential({ inputs: 2, layers: [{ units: 2, activation: 'notAnActivation' as never }] })).toThrow('model.layers[0].activation: unknown activation "notAnActivation"');
    expect(() => sequential({ inputs: 2, layers: [{ units: 2, activation: 'softmax' }, { units: 1, activation: 'identity' }] })).toThrow('model.layers[0]: softmax is only supported on the output layer');
  });
});

describe('forward, predict and valueAndGrad', () => {
  const rng = createRng(11);
  const params = model.init(rng);
  const x = randomTensor(rng, [5, 2]);
  const y = tensor([1, 0, 0, 1, 1, 0, 0, 1, 1, 0], [5, 2]);

  it('eval-mode predict equals the training-mode forward output', () => {
    const f = forward(model, params, x);
    expect(f.z).toHaveLength(3);
    expectClose(predict(model, params, x), f.output);
  });
  it('never mutates params or inputs', () => {
    const before = treeClone(params);
    const xBefore = x.data.slice();
    valueAndGrad(model, params, softmaxCrossEntropy, x, y);
    expect(params).toEqual(before);
    expect(x.data).toEqual(xBefore);
  });
  it('a workspace sized for 8 rows gives the same gradients for a 5-row batch as an exact one', () => {
    const exact = valueAndGrad(model, params, softmaxCrossEntropy, x, y);
    const ws = createWorkspace(model, 8);
    ws.input.fill(123); // stale rows past the batch must not leak in
    ws.input.set(x.data);
    ws.target.set(y.data);
    forwardInto(model, params, ws, 5, tsKernels);
    lossInto(model, params, softmaxCrossEntropy, ws, 5);
    backwardInto(model, params, ws, 5, tsKernels);
    expect(ws.loss[0]).toBeCloseTo(exact.value, 6);
    ws.grads.forEach((g, l) => expectClose(g.weight, exact.grads[l].weight, { rtol: 1e-5, atol: 1e-7 }));
  });
});

describe('bad input', () => {
  const params = model.init(createRng(2));
  it('names both shapes for a wrong input width', () => {
    expect(() => predict(model, params, tensor([1, 2, 3], [1, 3]))).toThrow(ShapeError);
    expect(() => predict(model, params, tensor([1, 2, 3], [1, 3]))).toThrow('input: expected [batch, 2] for model 2-4-3-2 tanh/prelu/softmax, got [1, 3]');
  });
  it('names both shapes for a wrong target width', () => {
    expect(() => valueAndGrad(model, params, halfSumSquared, tensor([1, 2], [1, 2]), tensor([1, 2, 3], [1, 3]))).toThrow('target: expected [1, 2] (batch of input, model outputs), got [1, 3]');
  });
  it('rejects NaN in inputs with the row and column', () => {
    expect(() => predict(model, params, tensor([1, 2, 3, Number.NaN], [2, 2]))).toThrow(NonFiniteError);
    expect(() => predict(model, params, tensor([1, 2, 3, Number.NaN], [2, 2]))).toThrow('input holds NaN at row 1, column 1');
  });
  it('names the tensor whose shape does not fit the model', () => {
    const wrong = [params[0], { ...params[1], weight: tensor([1, 2], [1, 2]) }, params[2]];
    expect(() => predict(model, wrong, tensor([1, 2], [1, 2]))).toThrow('params layers.1.weight: expected [3, 4], got [1, 2]');
  });
});
