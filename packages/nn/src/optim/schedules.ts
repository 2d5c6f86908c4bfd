import { checkArgument } from './validate.ts';

/**
 * A learning rate as a function of the step t = 0, 1, 2, … (the number of updates applied so far).
 * Schedules are pure and cheap; `scaleByLearningRate` calls one per update.
 */
export type Schedule = (step: number) => number;

const nonNegative = 'a finite number ≥ 0';
const positiveInteger = 'a positive integer';

/** The same rate at every step: lr. */
export function constant(lr: number): Schedule {
  checkArgument('constant', 'lr', lr, lr >= 0, nonNegative);
  return () => lr;
}

/**
 * Polynomial decay to zero: lr·(1 − min(t, T)/T)^power, so 0 from step T on (optax `polynomial_schedule` with
 * end value 0). power 1 is linear decay; the clearprop blog used 0.25.
 */
export function polyDecay(lr: number, totalSteps: number, power: number): Schedule {
  checkArgument('polyDecay', 'lr', lr, lr >= 0, nonNegative);
  checkArgument('polyDecay', 'totalSteps', totalSteps, Number.isInteger(totalSteps) && totalSteps > 0, positiveInteger);
  checkArgument('polyDecay', 'power', power, power >= 0, nonNegative);
  return (step) => lr * (1 - clampStep(step, totalSteps) / totalSteps) ** power;
}

/** Piecewise constant: lr·gamma^⌊t / stepSize⌋ (PyTorch `StepLR`). */
export function stepDecay(lr: number, stepSize: number, gamma: number): Schedule {
  checkArgument('stepDecay', 'lr', lr, lr >= 0, nonNegative);
  checkArgument('stepDecay', 'stepSize', stepSize, Number.isInteger(stepSize) && stepSize > 0, positiveInteger);
  checkArgument('stepDecay', 'gamma', gamma, gamma > 0, 'a finite number > 0');
  return (step) => lr * gamma ** Math.floor(Math.max(step, 0) / stepSize);
}

/** Smooth exponential decay: lr·decayRate^(t / decaySteps) (optax `exponential_decay`, no staircase). */
export function exponentialDecay(lr: number, decayRate: number, decaySteps: number): Schedule {
  checkArgument('exponentialDecay', 'lr', lr, lr >= 0, nonNegative);
  checkArgument('exponentialDecay', 'decayRate', decayRate, decayRate > 0, 'a finite number > 0');
  checkArgument('exponentialDecay', 'decaySteps', decaySteps, decaySteps > 0, 'a finite number > 0');
  return (step) => lr * decayRate ** (Math.max(step, 0) / decaySteps);
}

/**
 * Cosine annealing from lr down to alpha·lr over totalSteps, then flat:
 * lr·((1 − alpha)·½(1 + cos(π·min(t, T)/T)) + alpha) (optax `cosine_decay_schedule`).
 */
export function cosineDecay(lr: number, totalSteps: number, alpha = 0): Schedule {
  checkArgument('cosineDecay', 'lr', lr, lr >= 0, nonNegative);
  checkArgument('cosineDecay', 'totalSteps', totalSteps, Number.isInteger(totalSteps) && totalSteps > 0, positiveInteger);
  checkArgument('cosineDecay', 'alpha', alpha, alpha >= 0 && alpha <= 1, 'in [0, 1]');
  return (step) => {
    const cosine = 0.5 * (1 + Math.cos((Math.PI * clampStep(step, totalSteps)) / totalSteps));
    return lr * ((1 - alpha) * cosine + alpha);
  };
}

/**
 * Runs `schedules[0]` until `boundaries[0]`, then `schedules[1]` restarted at step 0, and so on
 * (optax `join_schedules`): schedule i sees t − boundaries[i − 1]. Needs one boundary fewer than schedules.
 */
export function joinSchedules(schedules: readonly Schedule[], boundaries: readonly number[]): Schedule {
  if (schedules.length === 0) throw new RangeError('joinSchedules: schedules must not be empty');
  if (boundaries.length !== schedules.length - 1) {
    throw new RangeError(`joinSchedules: boundaries must have ${schedules.length - 1} entries (got ${boundaries.length})`);
  }
  boundaries.forEach((boundary, i) => {
    const previous = i === 0 ? 0 : boundaries[i - 1];
    checkArgument('joinSchedules', `boundaries[${i}]`, boundary, Number.isInteger(boundary) && boundary >= previous, `an integer ≥ ${previous}`);
  });
  // Copies so a caller mutating its arrays later cannot change a schedule already in use.
  const parts = [...schedules];
  const starts = [0, ...boundaries];
  return (step) => {
    let i = parts.length - 1;
    while (i > 0 && step < starts[i]) i--;
    return parts[i](step - starts[i]);
  };
}

/**
 * Ramps linearly from 0 at t = 0 to `schedule(0)` at t = warmupSteps, then runs `schedule` from its step 0
 * (optax's warmup convention: the wrapped schedule starts after the warmup, so its own totalSteps are kept).
 */
export function linearWarmup(schedule: Schedule, warmupSteps: number): Schedule {
  checkArgument('linearWarmup', 'warmupSteps', warmupSteps, Number.isInteger(warmupSteps) && warmupSteps >= 0, 'an integer ≥ 0');
  if (warmupSteps === 0) return schedule;
  const peak = schedule(0);
  return joinSchedules([(step) => (peak * Math.max(step, 0)) / warmupSteps, schedule], [warmupSteps]);
}

/** Accepts a number or a schedule, validating the number. */
export function toSchedule(lr: number | Schedule): Schedule {
  return typeof lr === 'number' ? constant(lr) : lr;
}

function clampStep(step: number, totalSteps: number): number {
  return Math.min(Math.max(step, 0), totalSteps);
}
