import { describe, expect, it } from '@jest/globals';
import { createRng, tensor, type Rng } from '@clearprop/tensor';
import { randomTensor } from '@clearprop/tensor/testing';
import { ACTIVATION_NAMES, ACTIVATIONS, activationRecord } from '../activations/registry.ts';
import { binaryCrossEntropy, binaryCrossEntropyFromLogits, softmaxCrossEntropy } from '../losses/cross-entropy.ts';
import type { Loss } from '../losses/loss.ts';
import { halfSumSquared, meanSquaredError } from '../losses/squared.ts';
import { checkModelGradients } from '../testing/gradient-check.ts';
import { valueAndGrad } from './forward.ts';
import { sequential } from './model.ts';
import type { ActivationSpec, LayerSpec } from './spec.ts';

// Every registered hidden activation (a non-default alpha where it takes one) × every meaningful (loss, output
// activation) pair. A new activation is covered by registering it; a new loss by adding its rows to OUTPUTS.
const HIDDEN: readonly ActivationSpec[] = ACTIVATION_NAMES.filter((n) => !ACTIVATIONS[n].traits.outputOnly).map((n) => (ACTIVATIONS[n].traits.alpha ? { name: n, alpha: 0.3 } : n));

type Target = (rng: Rng, rows: number, cols: number) => number[];
const real: Target = (rng, rows, cols) => Array.from({ length: rows * cols }, () => rng.normal());
const unit: Target = (rng, rows, cols) => Array.from({ length: rows * cols }, () => 0.05 + 0.9 * rng.next());
const oneHot: Target = (rng, rows, cols) => Array.from({ length: rows * cols }, (_, i) => (i % cols === (Math.floor(i / cols) * 7) % cols ? 1 : 0));

const OUTPUTS: readonly { readonly loss: Loss; readonly output: ActivationSpec; readonly target: Target }[] = [
  { loss: halfSumSquared, output: 'identity', target: real },
  { loss: halfSumSquared, output: 'sigmoid', target: unit },
  { loss: halfSumSquared, output: 'tanh', target: real },
  { loss: halfSumSquared, output: { name: 'prelu', alpha: 0.2 }, target: real },
  { loss: meanSquaredError, output: 'identity', target: real },
  { loss: meanSquaredError, output: 'relu', target: real },
  { loss: meanSquaredError, output: 'softmax', target: unit },
  { loss: binaryCrossEntropy, output: 'sigmoid', target: unit },
  { loss: binaryCrossEntropyFromLogits, output: 'sigmoid', target: unit },
  { loss: binaryCrossEntropyFromLogits, output: 'identity', target: unit },
  { loss: softmaxCrossEntropy, output: 'softmax', target: oneHot },
  { loss: softmaxCrossEntropy, output: 'identity', target: unit },
];

const name = (a: ActivationSpec) => (typeof a === 'string' ? a : a.name);

// 'plain' is the bare network; 'regularized' adds what training can add to the objective: L1 + L2 penalties (on
// different layers, both on one), per-row loss weights (class × sample weights, one of them 0) and dropout with
// fixed masks on both hidden layers (checkModelGradients' dropoutSeed), all at once.
const VARIANTS = ['plain', 'regularized'] as const;
type Variant = (typeof VARIANTS)[number];
const CASES = VARIANTS.flatMap((variant) => HIDDEN.flatMap((hidden) => OUTPUTS.map((o) => [variant, name(hidden), o.loss.name, name(o.output), hidden, o] as const)));

function layersFor(variant: Variant, hidden: ActivationSpec, output: ActivationSpec): LayerSpec[] {
  if (variant === 'plain') return [{ units: 5, activation: hidden }, { units: 4, activation: hidden }, { units: 3, activation: output }];
  return [
    { units: 5, activation: hidden, regularization: { l2: 0.05 }, dropout: 0.3 },
    { units: 4, activation: hidden, regularization: { l1: 0.02 }, dropout: 0.5 },
    { units: 3, activation: output, regularization: { l1: 0.01, l2: 0.1 } },
  ];
}

describe('gradient check: every activation × every loss, 3-layer nets, float64 central differences', () => {
  it.each(CASES)('%s: hidden %s, loss %s on %s output', (variant, _h, _l, _o, hidden, { loss, output, target }) => {
    const rng = createRng(1234);
    const model = sequential({ inputs: 3, layers: layersFor(variant, hidden, output) });
    const params = model.init(rng, { dtype: 'float64' });
    // Zero biases put z exactly on ReLU's kink whenever a row's inputs to a layer are all 0; jitter them off it.
    for (const p of params) for (let i = 0; i < p.bias.data.length; i++) p.bias.data[i] += 0.1 * rng.normal();
    const rows = 6;
    const x = randomTensor(rng, [rows, 3], { dtype: 'float64' });
    const y = tensor(target(rng, rows, 3), [rows, 3], { dtype: 'float64' });
    const weights = tensor([1, 0.5, 3, 0, 1.5, 2], [rows], { dtype: 'float64' });
    // ε = 1e-5 with dropout: half a layer's units dropped leaves its PReLU α a gradient of ~1e-2, on which the
    // round-off of ε = 1e-6 (~1e-8 absolute, shrinking as ε grows, so not truncation) reads as 1e-6 relative.
    const options = variant === 'plain' ? {} : { weights, dropoutSeed: 99, eps: 1e-5 };
    const report = checkModelGradients(model, params, loss, x, y, options);
    expect(report.length).toBeGreaterThanOrEqual(6);
    for (const row of report) expect(row).toEqual(expect.objectContaining({ layer: row.layer, tensor: row.tensor, maxRelativeError: expect.any(Number) }));
    expect(report.filter((row) => !(row.maxRelativeError <= 1e-6))).toEqual([]);
    const learns = (a: ActivationSpec) => activationRecord(name(a))?.traits.alpha?.learned === true;
    expect(report.filter((r) => r.tensor === 'alpha')).toHaveLength((learns(hidden) ? 2 : 0) + (learns(output) ? 1 : 0));
  });

  it('detects a wrong gradient (the check can fail)', () => {
    const rng = createRng(5);
    const model = sequential({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'identity' }] });
    const params = model.init(rng, { dtype: 'float64' });
    const broken: Loss = { ...halfSumSquared, compute: (p, t, g, r, c, out) => { halfSumSquared.compute(p, t, g, r, c, out); g[0] *= 1.01; } };
    const report = checkModelGradients(model, params, broken, randomTensor(rng, [4, 2], { dtype: 'float64' }), randomTensor(rng, [4, 1], { dtype: 'float64' }));
    expect(Math.max(...report.map((r) => r.maxRelativeError))).toBeGreaterThan(1e-4);
  });

  it('detects gradients taken with other dropout masks than the cost (the fixed masks matter)', () => {
    const rng = createRng(6);
    const model = sequential({ inputs: 3, layers: [{ units: 6, activation: 'tanh', dropout: 0.5 }, { units: 2, activation: 'identity' }] });
    const params = model.init(rng, { dtype: 'float64' });
    const x = randomTensor(rng, [5, 3], { dtype: 'float64' });
    const y = randomTensor(rng, [5, 2], { dtype: 'float64' });
    // Analytic gradients without dropout vs a cost with dropout: the check must see the difference.
    const analytic = checkModelGradients(model, params, halfSumSquared, x, y, { dropoutSeed: 3 });
    expect(analytic.filter((row) => !(row.maxRelativeError <= 1e-6))).toEqual([]);
    const noMasks = valueAndGrad(model, params, halfSumSquared, x, y).grads;
    const masked = valueAndGrad(model, params, halfSumSquared, x, y, { dropout: createRng(3) }).grads;
    expect(Array.from(masked[0].weight.data)).not.toEqual(Array.from(noMasks[0].weight.data));
  });
});
