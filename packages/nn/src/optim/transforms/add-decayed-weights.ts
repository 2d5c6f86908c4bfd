import type { FloatArray } from '@clearprop/tensor';
import { zipLeaves } from '../leaves.ts';
import { stateless, type EmptyState, type GradientTransform } from '../transform.ts';
import { checkArgument } from '../validate.ts';

/**
 * Decoupled weight decay (optax `add_decayed_weights`): u ← u + weightDecay·params. Placed between
 * scaleByAdam and scaleByLearningRate it gives AdamW. Needs `params` in update.
 * @see Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization", https://arxiv.org/abs/1711.05101
 */
export function addDecayedWeights(weightDecay: number): GradientTransform<EmptyState> {
  checkArgument('addDecayedWeights', 'weightDecay', weightDecay, weightDecay >= 0, 'a finite number ≥ 0');
  const scalars = Float64Array.of(weightDecay);
  return stateless((grads, params) => {
    if (params === undefined) throw new Error('addDecayedWeights: update needs params');
    zipLeaves(grads, params, addScaledKernel, scalars);
  });
}

function addScaledKernel(u: FloatArray, p: FloatArray, scalars: Float64Array): void {
  const weightDecay = scalars[0];
  for (let i = 0; i < u.length; i++) u[i] += weightDecay * p[i];
}
