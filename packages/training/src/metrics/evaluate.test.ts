import { describe, expect, it } from '@jest/globals';
import { dataset, type Dataset } from '@clearprop/data';
import { resolveLoss, sequential, type ActivationName } from '@clearprop/nn';
import { tensor, tsKernels } from '@clearprop/tensor';
import { evaluate } from './evaluate.ts';

// One output unit, y = act(0.1·x), on x = 1, 2, −1, −2 with labels 1, 1, 0, 0: binary labels in one column.
const binary: Dataset = dataset({ x: [1, 2, -1, -2], y: [1, 1, 0, 0], features: 1, targets: 1, classes: 2, task: 'classification' });
const model = (activation: ActivationName) => sequential({ inputs: 1, layers: [{ units: 1, activation }] });
const params = [{ weight: tensor([0.1], [1, 1]), bias: tensor([0], [1]) }];
const accuracy = (activation: ActivationName, loss: string) => evaluate(model(activation), params, resolveLoss(loss), binary, tsKernels).metrics.accuracy;

describe('evaluate: a single output is thresholded as the loss reads it', () => {
  it('at 0.5 on probabilities (binaryCrossEntropy on a sigmoid output)', () => {
    expect(accuracy('sigmoid', 'binaryCrossEntropy')).toBe(1); // σ(±0.1), σ(±0.2) straddle 0.5
  });
  it('at 0 on logits, fused or not: the loss applies σ itself, so any output is a logit', () => {
    expect(accuracy('sigmoid', 'binaryCrossEntropyFromLogits')).toBe(1); // fused: z = ±0.1, ±0.2
    expect(accuracy('identity', 'binaryCrossEntropyFromLogits')).toBe(1);
    expect(accuracy('tanh', 'binaryCrossEntropyFromLogits')).toBe(1); // tanh(±0.1) < 0.5 would all read as class 0 at 0.5
  });
  it('at 0.5 for a regression-style loss on a tanh output (its outputs are not logits)', () => {
    expect(accuracy('tanh', 'meanSquaredError')).toBe(0.5);
  });
});

describe('evaluate: threshold, weights and the classification metrics', () => {
  const sigmoid = model('sigmoid');
  const bce = resolveLoss('binaryCrossEntropy');
  it('a threshold moves the decision: σ(0.1), σ(0.2) ≈ 0.525, 0.55 are class 1 at 0.5, class 0 at 0.53 for the first', () => {
    expect(evaluate(sigmoid, params, bce, binary, tsKernels, { threshold: 0.53 }).metrics.accuracy).toBe(0.75);
    expect(evaluate(sigmoid, params, bce, binary, tsKernels, { threshold: 0.53 }).confusion).toEqual([[2, 0], [1, 1]]);
  });
  it('reports precision, recall, F1, AUC, log-loss and per-class numbers for a binary classifier', () => {
    const { metrics } = evaluate(sigmoid, params, bce, binary, tsKernels);
    expect(metrics).toMatchObject({ accuracy: 1, precision: 1, recall: 1, f1: 1, auc: 1 });
    expect(metrics.perClass?.map((c) => [c.label, c.support])).toEqual([['0', 2], ['1', 2]]);
    // log-loss: −mean log p(true) with p = σ(0.1·x): rows 1, 2 are class 1, rows −1, −2 class 0, so 2·(−log σ(0.1) − log σ(0.2))/4.
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    expect(metrics.logLoss).toBeCloseTo(-(Math.log(s(0.1)) + Math.log(s(0.2))) / 2, 6);
    expect(metrics.logLoss).toBeCloseTo(metrics.loss, 6); // BCE on probabilities is the log-loss
  });
  it('scoreMetrics: false leaves out AUC and log-loss, and changes nothing else (confusion snapshots use it)', () => {
    const full = evaluate(sigmoid, params, bce, binary, tsKernels, { threshold: 0.53 });
    const lean = evaluate(sigmoid, params, bce, binary, tsKernels, { threshold: 0.53, scoreMetrics: false });
    const { auc, logLoss, perClass, ...rest } = full.metrics;
    expect([auc, logLoss]).toEqual([expect.any(Number), expect.any(Number)]);
    expect(lean.metrics).toEqual({ ...rest, perClass: perClass?.map(({ auc: _auc, ...c }) => c) });
    expect(lean.confusion).toEqual(full.confusion);
  });
  it('with row weights the loss is their weighted mean, and the plain mean is reported beside it', () => {
    const weighted = dataset({ x: [1, 2, -1, -2], y: [1, 1, 0, 0], features: 1, targets: 1, classes: 2, task: 'classification', weights: [3, 1, 0, 0] });
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    const { metrics } = evaluate(sigmoid, params, bce, weighted, tsKernels);
    expect(metrics.loss).toBeCloseTo(-(3 * Math.log(s(0.1)) + Math.log(s(0.2))) / 4, 6);
    expect(metrics.unweightedLoss).toBeCloseTo(-(Math.log(s(0.1)) + Math.log(s(0.2))) / 2, 6);
    expect(evaluate(sigmoid, params, bce, binary, tsKernels).metrics.unweightedLoss).toBeUndefined();
  });
});
