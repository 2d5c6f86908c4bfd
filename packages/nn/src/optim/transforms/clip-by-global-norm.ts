import type { FloatArray } from '@clearprop/tensor';
import { forEachLeaf } from '../leaves.ts';
import { stateless, type EmptyState, type GradientTransform } from '../transform.ts';
import { checkArgument } from '../validate.ts';
import { scaleKernel } from './scale.ts';

/**
 * Rescales the whole update tree so its global L2 norm ‖u‖ = √(Σ u²) is at most maxNorm:
 * u ← u·maxNorm/‖u‖ when ‖u‖ > maxNorm, else unchanged (optax `clip_by_global_norm`). The norm sums in float64.
 * @see Pascanu et al. 2013, "On the difficulty of training recurrent neural networks".
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransform<EmptyState> {
  checkArgument('clipByGlobalNorm', 'maxNorm', maxNorm, maxNorm > 0, 'a finite number > 0');
  // scalars[0]: the rescale factor read by scaleKernel; scalars[1]: the running Σ u².
  const scalars = new Float64Array(2);
  return stateless((grads) => {
    scalars[1] = 0;
    forEachLeaf(grads, addSquaresKernel, scalars);
    const norm = Math.sqrt(scalars[1]);
    if (norm > maxNorm) {
      scalars[0] = maxNorm / norm;
      forEachLeaf(grads, scaleKernel, scalars);
    }
  });
}

function addSquaresKernel(a: FloatArray, scalars: Float64Array): void {
  let total = scalars[1];
  for (let i = 0; i < a.length; i++) total += a[i] * a[i];
  scalars[1] = total;
}
