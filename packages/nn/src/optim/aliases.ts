import type { ParamTree } from '../tree.ts';
import { chain } from './chain.ts';
import { fusedAdam } from './fused-adam.ts';
import type { Schedule } from './schedules.ts';
import type { GradientTransform } from './transform.ts';
import { addDecayedWeights } from './transforms/add-decayed-weights.ts';
import { clipByGlobalNorm } from './transforms/clip-by-global-norm.ts';
import { scaleByAdam, type AdamOptions } from './transforms/scale-by-adam.ts';
import { scaleByLearningRate } from './transforms/scale-by-learning-rate.ts';
import { scaleByMomentum, type MomentumOptions } from './transforms/scale-by-momentum.ts';

/** An optimizer built by an alias: a chain whose state is the array of its blocks' states. */
export type Optimizer = GradientTransform<readonly ParamTree[]>;

/** Gradient clipping shared by every alias. */
export interface ClipOptions {
  /** If set, clipByGlobalNorm(clipNorm) runs first, on the raw gradients. @defaultValue undefined (no clipping) */
  readonly clipNorm?: number;
}

/** Options for sgd. */
export interface SgdOptions extends ClipOptions {
  /** Momentum μ; 0 means plain SGD with no momentum state. @defaultValue 0 */
  readonly momentum?: number;
  /** Nesterov momentum; needs momentum > 0. @defaultValue false */
  readonly nesterov?: boolean;
}

/** Options for adamw. */
export interface AdamwOptions extends AdamOptions, ClipOptions {
  /** Decoupled weight decay λ, applied as u ← u + λ·params before the learning rate (optax). @defaultValue 1e-4 */
  readonly weightDecay?: number;
}

/**
 * Stochastic gradient descent, PyTorch semantics: [clip] → [momentum] → −lr. Without clipping or momentum it is
 * scaleByLearningRate alone and keeps its `plainSgd` descriptor, which the training engine fuses with the update.
 */
export function sgd(lr: number | Schedule, options: SgdOptions = {}): Optimizer {
  const { momentum = 0, nesterov = false } = options;
  const useMomentum = momentum > 0 || nesterov;
  return chain(...clip(options), ...(useMomentum ? [scaleByMomentum({ momentum, nesterov })] : []), scaleByLearningRate(lr));
}

/** SGD with momentum (μ = 0.9 unless given): [clip] → momentum → −lr. */
export function momentum(lr: number | Schedule, options: MomentumOptions & ClipOptions = {}): Optimizer {
  return chain(...clip(options), scaleByMomentum(options), scaleByLearningRate(lr));
}

/** Adam (optax `adam`): [clip] → scaleByAdam → −lr (without clipping, the two blocks run fused in one pass). */
export function adam(lr: number | Schedule, options: AdamOptions & ClipOptions = {}): Optimizer {
  if (options.clipNorm === undefined) return fusedAdam(lr, options);
  return chain(...clip(options), scaleByAdam(options), scaleByLearningRate(lr));
}

/** AdamW (optax `adamw`): [clip] → scaleByAdam → addDecayedWeights → −lr. */
export function adamw(lr: number | Schedule, options: AdamwOptions = {}): Optimizer {
  const { weightDecay = 1e-4 } = options;
  return chain(...clip(options), scaleByAdam(options), addDecayedWeights(weightDecay), scaleByLearningRate(lr));
}

function clip(options: ClipOptions): readonly GradientTransform[] {
  return options.clipNorm === undefined ? [] : [clipByGlobalNorm(options.clipNorm)];
}
