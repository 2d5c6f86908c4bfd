/** Options of a progress-rate estimate. */
export interface RateOptions {
  /** Weight of the newest interval in the moving averages (tqdm's `smoothing`): 1 uses it alone. @defaultValue 0.3 */
  readonly smoothing?: number;
  /** Observations closer than this to the last sample are folded into the next one (tqdm's `mininterval`). @defaultValue 100 */
  readonly minIntervalMs?: number;
}

/**
 * A smoothed progress rate, as tqdm estimates it: exponential moving averages of the work done (Δdone) and of the
 * time it took (Δt) between samples, rate = EMA(Δdone) / EMA(Δt). Recent intervals dominate, so a run that slows
 * down (or speeds up) moves the estimate within a few samples; the average since the start would lag for the rest
 * of the run. Plain data: pass the latest estimate in, get the next one out.
 */
export interface RateEstimate {
  /** Work done at the last sample. */
  readonly done: number;
  /** Time of the last sample; null after a pause: the next observation only restarts the clock. */
  readonly atMs: number | null;
  /** The latest observation, which may not have made a sample yet. */
  readonly lastDone: number;
  readonly lastMs: number;
  /** EMA of Δdone per sample. */
  readonly averageDone: number;
  /** EMA of Δt per sample; 0 before the first sample. */
  readonly averageMs: number;
}

/** An estimate with no samples yet, counting from `done` work at time `atMs`. */
export function startRate(done: number, atMs: number): RateEstimate {
  return { done, atMs, lastDone: done, lastMs: atMs, averageDone: 0, averageMs: 0 };
}

/**
 * Records that `done` work is finished at `atMs`. An interval of at least `minIntervalMs` with progress becomes a
 * sample: average ← α·Δ + (1 − α)·average for Δdone and Δt alike (tqdm's bias correction divides both by the same
 * 1 − (1 − α)ᵏ, so it cancels in the rate).
 */
export function observeRate(estimate: RateEstimate, done: number, atMs: number, options: RateOptions = {}): RateEstimate {
  const { smoothing = 0.3, minIntervalMs = 100 } = options;
  if (estimate.atMs === null) return { ...estimate, done, atMs, lastDone: done, lastMs: atMs };
  const dt = atMs - estimate.atMs;
  const dn = done - estimate.done;
  if (dt < minIntervalMs || dn <= 0 || dt <= 0) return { ...estimate, lastDone: done, lastMs: atMs };
  return {
    done, atMs, lastDone: done, lastMs: atMs,
    averageDone: smoothing * dn + (1 - smoothing) * estimate.averageDone,
    averageMs: smoothing * dt + (1 - smoothing) * estimate.averageMs,
  };
}

/** The time from now until the next observation is not work time (the run is paused): it restarts the clock. */
export function pauseRate(estimate: RateEstimate): RateEstimate {
  return { ...estimate, atMs: null };
}

/** Work per millisecond: the smoothed rate, or before the first sample the rate since the start; null if unknown. */
export function rateOf(estimate: RateEstimate): number | null {
  if (estimate.averageMs > 0) return estimate.averageDone / estimate.averageMs;
  if (estimate.atMs === null) return null;
  const dt = estimate.lastMs - estimate.atMs;
  const dn = estimate.lastDone - estimate.done;
  return dt > 0 && dn > 0 ? dn / dt : null;
}

/** Milliseconds to finish `remaining` more work at the estimated rate; null while the rate is unknown. */
export function remainingMs(estimate: RateEstimate, remaining: number): number | null {
  const rate = rateOf(estimate);
  return rate === null ? null : Math.max(remaining, 0) / rate;
}
