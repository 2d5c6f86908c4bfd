import { tensor, type DType, type Tensor } from '@clearprop/tensor';
import { applyUpdatesInPlace } from '../optim/apply-updates.ts';
import type { GradientTransform } from '../optim/transform.ts';
import type { ParamTree } from '../tree.ts';

/** A differentiable test function for optimizers (optax `alias_test.py` targets). */
export interface OptimizerTarget<P extends ParamTree = ParamTree> {
  readonly name: string;
  /** Fresh starting parameters. @defaultValue dtype 'float32' */
  init(dtype?: DType): P;
  /** Loss and its gradient (same tree shape as params) at `params`. */
  valueAndGrad(params: P): { readonly value: number; readonly grads: P };
  /** The minimiser, as flat values in leaf order. */
  readonly optimum: readonly number[];
}

/** Parameters of `parabola`: an object of two leaves, to exercise record trees. */
export type ParabolaParams = { readonly w: Tensor; readonly b: Tensor };

/** Parameters of `rosenbrock`: an array of two [1] leaves, to exercise array trees. */
export type RosenbrockParams = readonly [Tensor, Tensor];

/** Σ (w − w*)² + (b − b*)² with w* = [1, −1, 1], b* = [0.5], from w = [−1, 10, 1], b = [−2]. Convex, curvature 2. */
export const parabola: OptimizerTarget<ParabolaParams> = {
  name: 'parabola',
  init: (dtype = 'float32') => ({ w: tensor([-1, 10, 1], [3], { dtype }), b: tensor([-2], [1], { dtype }) }),
  valueAndGrad({ w, b }) {
    const dw = new Float64Array(3);
    let value = (b.data[0] - parabolaB) ** 2;
    for (let i = 0; i < 3; i++) {
      value += (w.data[i] - parabolaW[i]) ** 2;
      dw[i] = 2 * (w.data[i] - parabolaW[i]);
    }
    const db = [2 * (b.data[0] - parabolaB)];
    return { value, grads: { w: tensor(dw, w.shape, { dtype: w.dtype }), b: tensor(db, b.shape, { dtype: b.dtype }) } };
  },
  optimum: [1, -1, 1, 0.5],
};

const parabolaW = [1, -1, 1];
const parabolaB = 0.5;

/** (1 − x)² + 100·(y − x²)² from (x, y) = (0, 0); minimum 0 at (1, 1) at the end of a curved, narrow valley. */
export const rosenbrock: OptimizerTarget<RosenbrockParams> = {
  name: 'rosenbrock',
  init: (dtype = 'float32') => [tensor([0], [1], { dtype }), tensor([0], [1], { dtype })],
  valueAndGrad([xt, yt]) {
    const x = xt.data[0];
    const y = yt.data[0];
    const value = (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const dx = -2 * (1 - x) - 400 * x * (y - x * x);
    const dy = 200 * (y - x * x);
    return { value, grads: [tensor([dx], [1], { dtype: xt.dtype }), tensor([dy], [1], { dtype: yt.dtype })] };
  },
  optimum: [1, 1],
};

/** Every target, for table-driven convergence tests. */
export const optimizerTargets: readonly OptimizerTarget[] = [parabola, rosenbrock];

/** Options for minimize. */
export interface MinimizeOptions {
  /** Number of updates. */
  readonly steps: number;
  /** @defaultValue 'float32' */
  readonly dtype?: DType;
}

/**
 * Runs `optimizer` on `target` through the engine path (updateInPlace + applyUpdatesInPlace) and returns the
 * final parameters and loss.
 */
export function minimize<P extends ParamTree>(
  target: OptimizerTarget<P>,
  optimizer: GradientTransform,
  options: MinimizeOptions,
): { readonly params: P; readonly value: number } {
  const params = target.init(options.dtype);
  const state = optimizer.init(params);
  for (let step = 0; step < options.steps; step++) {
    const { grads } = target.valueAndGrad(params);
    optimizer.updateInPlace(grads, state, params);
    applyUpdatesInPlace(params, grads);
  }
  return { params, value: target.valueAndGrad(params).value };
}
