import type { FloatArray } from '@clearprop/tensor';
import { treeZerosLike, type ParamTree } from '../../tree.ts';
import { zipLeaves } from '../leaves.ts';
import { transform, type GradientTransform } from '../transform.ts';
import { checkArgument } from '../validate.ts';

/** Options for scaleByMomentum. */
export interface MomentumOptions {
  /** Decay μ of the velocity buffer, in [0, 1). @defaultValue 0.9 */
  readonly momentum?: number;
  /** Use Nesterov's look-ahead update g + μ·buf; needs momentum > 0. @defaultValue false */
  readonly nesterov?: boolean;
}

/** State of scaleByMomentum: the velocity buffer, shaped like the params. */
export type MomentumState = { readonly trace: ParamTree };

/**
 * Heavy-ball momentum with PyTorch SGD semantics (dampening 0): buf ← μ·buf + g, then u ← buf, or
 * u ← g + μ·buf with Nesterov. The buffer starts at zero, so the first step is u = g as in PyTorch.
 * @see Sutskever et al. 2013, "On the importance of initialization and momentum in deep learning".
 */
export function scaleByMomentum(options: MomentumOptions = {}): GradientTransform<MomentumState> {
  const { momentum = 0.9, nesterov = false } = options;
  checkArgument('scaleByMomentum', 'momentum', momentum, momentum >= 0 && momentum < 1, 'in [0, 1)');
  if (nesterov && momentum === 0) throw new RangeError('scaleByMomentum: nesterov needs momentum > 0 (got 0)');
  const kernel = nesterov ? nesterovKernel : heavyBallKernel;
  const scalars = Float64Array.of(momentum);
  return transform<MomentumState>({
    init: (params) => ({ trace: treeZerosLike(params) }),
    updateInPlace: (grads, state) => zipLeaves(grads, state.trace, kernel, scalars),
  });
}

function heavyBallKernel(g: FloatArray, trace: FloatArray, scalars: Float64Array): void {
  const mu = scalars[0];
  for (let i = 0; i < g.length; i++) {
    trace[i] = mu * trace[i] + g[i];
    g[i] = trace[i];
  }
}

function nesterovKernel(g: FloatArray, trace: FloatArray, scalars: Float64Array): void {
  const mu = scalars[0];
  for (let i = 0; i < g.length; i++) {
    trace[i] = mu * trace[i] + g[i];
    g[i] += mu * trace[i];
  }
}
