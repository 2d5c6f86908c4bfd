import { describe, expect, it } from '@jest/globals';
import { expectClose } from '@clearprop/tensor/testing';
import { tensor } from '@clearprop/tensor';
import { minimize, optimizerTargets } from '../testing/optimizer-targets.ts';
import { treeLeaves, type ParamTree } from '../tree.ts';
import { adam, adamw, momentum, sgd, type Optimizer } from './aliases.ts';
import { applyUpdates } from './apply-updates.ts';

/** Every alias with hyperparameters that suit both targets; a new optimizer is covered by adding a row. */
const optimizersUnderTest: readonly { readonly name: string; readonly make: () => Optimizer }[] = [
  { name: 'sgd', make: () => sgd(1e-3) },
  { name: 'sgd + clipNorm', make: () => sgd(1e-3, { clipNorm: 10 }) },
  { name: 'sgd + momentum', make: () => sgd(1e-3, { momentum: 0.9 }) },
  { name: 'sgd + nesterov', make: () => sgd(1e-3, { momentum: 0.9, nesterov: true }) },
  { name: 'momentum', make: () => momentum(1e-3) },
  { name: 'adam', make: () => adam(1e-2) },
  { name: 'adam + clipNorm', make: () => adam(1e-2, { clipNorm: 1 }) },
  { name: 'adamw', make: () => adamw(1e-2, { weightDecay: 1e-4 }) },
];

const flat = (tree: ParamTree): number[] => treeLeaves(tree).flatMap(({ tensor: t }) => Array.from(t.data));

describe('aliases converge (float32)', () => {
  const cases = optimizersUnderTest.flatMap((row) => optimizerTargets.map((target) => ({ ...row, target })));
  it.each(cases)('$name on $target.name', ({ make, target }) => {
    const { params, value } = minimize(target, make(), { steps: 20_000 });
    expectClose(flat(params), target.optimum, { atol: 1e-2, rtol: 0 });
    expect(value).toBeLessThan(1e-3);
  });
});

/*
 * Golden values: three steps from params {w: [1, −2, 3], b: [0.5]} (float64) with fixed gradients, checked
 * against an independent float64 re-implementation of the PyTorch update rules (SGD with dampening 0; Adam
 * with step lr/(1−b1ᵗ) and denominator √v/√(1−b2ᵗ) + eps; AdamW decaying p ← p·(1 − lr·λ) first), which
 * equal optax's forms in exact arithmetic; clipping follows optax (no +1e-6 as in torch's clip_grad_norm_).
 * Reference script (python3, no torch), printing the params after each step as [w0, w1, w2, b0]:
 *
 *   import math
 *   P0 = [1.0, -2.0, 3.0, 0.5]
 *   G = [[0.1, -0.2, 0.3, 1.0], [-0.5, 0.4, 0.0, -1.5], [2.0, 1.0, -1.0, 0.25]]
 *   def clip(g, max_norm):
 *       n = math.sqrt(sum(x * x for x in g))
 *       return g if n <= max_norm else [x * max_norm / n for x in g]
 *   def sgd(lr, momentum=0.0, nesterov=False, clip_norm=None):
 *       p, buf, out = P0[:], None, []
 *       for g in G:
 *           g = clip(g, clip_norm) if clip_norm else g[:]
 *           if momentum:
 *               buf = g[:] if buf is None else [momentum * b + x for b, x in zip(buf, g)]
 *               g = [x + momentum * b for x, b in zip(g, buf)] if nesterov else buf
 *           p = [pi - lr * x for pi, x in zip(p, g)]
 *           out.append(p)
 *       return out
 *   def adam(lr, b1=0.9, b2=0.999, eps=1e-8, weight_decay=0.0):
 *       p, m, v, out = P0[:], [0.0] * 4, [0.0] * 4, []
 *       for t, g in enumerate(G, start=1):
 *           p = [pi * (1 - lr * weight_decay) for pi in p]
 *           m = [b1 * mi + (1 - b1) * x for mi, x in zip(m, g)]
 *           v = [b2 * vi + (1 - b2) * x * x for vi, x in zip(v, g)]
 *           step = lr / (1 - b1 ** t)
 *           denom = [math.sqrt(vi) / math.sqrt(1 - b2 ** t) + eps for vi in v]
 *           p = [pi - step * mi / d for pi, mi, d in zip(p, m, denom)]
 *           out.append(p)
 *       return out
 *   for name, steps in [('sgd', sgd(0.1)), ('momentum', sgd(0.1, 0.9)), ('nesterov', sgd(0.1, 0.9, True)),
 *                       ('adam', adam(0.1)), ('adamw', adam(0.1, weight_decay=0.01)),
 *                       ('clip', sgd(0.1, clip_norm=1.0))]:
 *       print(name, steps)
 */
const gradients = [
  [0.1, -0.2, 0.3, 1.0],
  [-0.5, 0.4, 0.0, -1.5],
  [2.0, 1.0, -1.0, 0.25],
];

const golden: readonly { readonly name: string; readonly make: () => Optimizer; readonly expected: number[][] }[] = [
  {
    name: 'sgd',
    make: () => sgd(0.1),
    expected: [
      [0.99, -1.98, 2.97, 0.4],
      [1.04, -2.02, 2.97, 0.55],
      [0.8400000000000001, -2.12, 3.0700000000000003, 0.525],
    ],
  },
  {
    name: 'sgd + momentum',
    make: () => sgd(0.1, { momentum: 0.9 }),
    expected: [
      [0.99, -1.98, 2.97, 0.4],
      [1.031, -2.002, 2.943, 0.46],
      [0.8678999999999999, -2.1218, 3.0187, 0.48900000000000005],
    ],
  },
  {
    name: 'sgd + nesterov',
    make: () => sgd(0.1, { momentum: 0.9, nesterov: true }),
    expected: [
      [0.981, -1.962, 2.943, 0.31],
      [1.0679, -2.0218, 2.9187, 0.514],
      [0.72111, -2.2296199999999997, 3.08683, 0.5151],
    ],
  },
  {
    name: 'adam',
    make: () => adam(0.1),
    expected: [
      [0.900000009999999, -1.9000000049999999, 2.900000003333333, 0.400000001],
      [0.9598354265523341, -1.9366103565460369, 2.832994181079154, 0.42477018241912146],
      [0.9093533659698858, -2.0064792343279416, 2.8793167483398867, 0.4349554612009113],
    ],
  },
  {
    name: 'adamw',
    make: () => adamw(0.1, { weightDecay: 0.01 }),
    expected: [
      [0.8990000099999991, -1.8980000049999997, 2.897000003333333, 0.399500001],
      [0.9579364265423342, -1.9327123565410367, 2.8270971810758208, 0.4238706824181215],
      [0.9064964295333436, -2.0006485219664003, 2.8705926511554773, 0.4336320905174932],
    ],
  },
  {
    name: 'sgd + clipNorm',
    make: () => sgd(0.1, { clipNorm: 1 }),
    expected: [
      [0.9906341418841831, -1.9812682837683662, 2.9719024256525493, 0.4063414188418306],
      [1.0212911088584313, -2.005793857347765, 2.9719024256525493, 0.49831231976457546],
      [0.9400634156477418, -2.04640770395311, 3.012516272257894, 0.4881588581132393],
    ],
  },
];

const asTree = (values: readonly number[]): ParamTree => ({
  w: tensor(values.slice(0, 3), [3], { dtype: 'float64' }),
  b: tensor(values.slice(3), [1], { dtype: 'float64' }),
});

describe('aliases match reference values (float64)', () => {
  it.each(golden)('$name', ({ make, expected }) => {
    const optimizer = make();
    let params = asTree([1, -2, 3, 0.5]);
    let state = optimizer.init(params);
    gradients.forEach((grads, step) => {
      const result = optimizer.update(asTree(grads), state, params);
      params = applyUpdates(params, result.updates);
      state = result.state;
      expectClose(flat(params), expected[step], { rtol: 1e-12, atol: 1e-14 });
    });
  });
});
