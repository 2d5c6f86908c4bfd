import type { Tensor } from '@clearprop/tensor';
import { zeroCount } from '../count.ts';
import { forEachLeaf } from '../leaves.ts';
import { toSchedule, type Schedule } from '../schedules.ts';
import { transform, type GradientTransform } from '../transform.ts';
import { scaleKernel } from './scale.ts';

/** State of scaleByLearningRate. */
export type LearningRateState = {
  /** Updates applied so far, float64 [1]; the schedule is evaluated at this step before it is incremented. */
  readonly count: Tensor;
};

/**
 * Turns descent directions into steps: u ← −lr(t)·u with t the number of updates applied so far (starting at 0),
 * as optax's `scale_by_learning_rate`. A number is a constant schedule (validated: finite, ≥ 0).
 * The update allocates nothing unless the schedule itself does. Tagged `plainSgd` (see TransformDescriptor).
 */
export function scaleByLearningRate(lr: number | Schedule): GradientTransform<LearningRateState> {
  const schedule = toSchedule(lr);
  // Per-instance scratch for the step size (see leaves.ts for why numbers do not travel as arguments).
  const scalars = new Float64Array(1);
  return transform<LearningRateState>({
    init: () => ({ count: zeroCount() }),
    descriptor: { kind: 'plainSgd', lr: schedule, counter: (state) => state.count.data },
    updateInPlace(grads, state) {
      const count = state.count.data;
      scalars[0] = -schedule(count[0]);
      forEachLeaf(grads, scaleKernel, scalars);
      count[0] += 1;
    },
  });
}
