import { adam, adamw, constant, cosineDecay, exponentialDecay, linearWarmup, polyDecay, sgd, stepDecay, type GradientTransform, type ParamTree, type Schedule } from '@clearprop/nn';
import type { OptimizerConfig } from './spec.ts';

/**
 * A built optimizer: the transform plus the base schedule, so the loop can report the learning rate. Plain SGD
 * (no momentum or clipping) carries its `plainSgd` descriptor on the transform, which the engine fuses.
 */
export interface BuiltOptimizer {
  readonly transform: GradientTransform<ParamTree>;
  /** The configured schedule, before any set-LR multiplier. */
  readonly schedule: Schedule;
}

/** Builds the base schedule of a config; `totalSteps` is epochs × batches per epoch (for poly and cosine). */
export function buildSchedule(config: OptimizerConfig, totalSteps: number): Schedule {
  const { lr, schedule = { name: 'constant' } } = config;
  const base =
    schedule.name === 'poly' ? polyDecay(lr, schedule.totalSteps ?? Math.max(totalSteps, 1), schedule.power ?? 0.25)
    : schedule.name === 'step' ? stepDecay(lr, schedule.stepSize, schedule.gamma ?? 0.1)
    : schedule.name === 'exponential' ? exponentialDecay(lr, schedule.decayRate, schedule.decaySteps)
    : schedule.name === 'cosine' ? cosineDecay(lr, schedule.totalSteps ?? Math.max(totalSteps, 1), schedule.alpha ?? 0)
    : constant(lr);
  return linearWarmup(base, config.warmupSteps ?? 0);
}

/**
 * Builds the optimizer of a config. The applied learning rate is schedule(step) × multiplier(), where the
 * multiplier is the run's set-LR / reduce-on-plateau factor, read at each update (a plain number, checkpointed).
 */
export function buildOptimizer(config: OptimizerConfig, totalSteps: number, multiplier: () => number): BuiltOptimizer {
  const schedule = buildSchedule(config, totalSteps);
  const lr: Schedule = (step) => schedule(step) * multiplier();
  const clip = config.clipNorm === undefined ? {} : { clipNorm: config.clipNorm };
  const adamOptions = { ...(config.b1 === undefined ? {} : { b1: config.b1 }), ...(config.b2 === undefined ? {} : { b2: config.b2 }), ...(config.eps === undefined ? {} : { eps: config.eps }) };
  const transform =
    config.name === 'sgd' ? sgd(lr, { momentum: config.momentum ?? 0, nesterov: config.nesterov ?? false, ...clip })
    : config.name === 'adam' ? adam(lr, { ...adamOptions, ...clip })
    : config.name === 'adamw' ? adamw(lr, { ...adamOptions, weightDecay: config.weightDecay ?? 1e-4, ...clip })
    : undefined;
  if (!transform) throw new RangeError(`unknown optimizer "${String(config.name)}"; expected one of sgd, adam, adamw`);
  return { transform: transform as GradientTransform<ParamTree>, schedule };
}
