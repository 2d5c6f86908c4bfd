import { describe, expect, it } from '@jest/globals';
import { dataset, type Dataset } from '@clearprop/data';
import { resolveLoss, sequential, type ActivationName } from '@clearprop/nn';
import { tensor, tsKernels } from '@clearprop/tensor';
import { evaluate } from './evaluate.ts';

// One output unit, y = act(0.1·x), on x = 1, 2, −1, −2 with labels 1, 1, 0, 0. A one-column two-class set cannot
// be built through dataset() (a 0 row is not one-hot), so the classification view is laid over a regression one.
const binary: Dataset = { ...dataset({ x: [1, 2, -1, -2], y: [1, 1, 0, 0], features: 1, targets: 1 }), task: 'classification', classes: 2, classLabels: ['0', '1'] };
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
