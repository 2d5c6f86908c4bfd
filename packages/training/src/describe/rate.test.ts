import { describe, expect, it } from '@jest/globals';
import { observeRate, pauseRate, rateOf, remainingMs, startRate, type RateEstimate } from './rate.ts';

/** Observes one unit of work every `msPerUnit` on a fake clock, `units` times; returns the estimate and the clock. */
function work(estimate: RateEstimate, from: { done: number; t: number }, units: number, msPerUnit: number): { estimate: RateEstimate; done: number; t: number } {
  let { done, t } = from;
  for (let i = 0; i < units; i++) {
    done += 1;
    t += msPerUnit;
    estimate = observeRate(estimate, done, t);
  }
  return { estimate, done, t };
}

describe('smoothed progress rate (tqdm)', () => {
  it('matches EMAs of Δdone and Δt worked by hand (α = 0.3)', () => {
    // Samples (Δdone, Δt) = (10, 100), (10, 300): EMA(Δdone) = 3, then 0.3·10 + 0.7·3 = 5.1;
    // EMA(Δt) = 30, then 0.3·300 + 0.7·30 = 111; rate = 5.1 / 111; 100 more units take 100·111/5.1 ms.
    let estimate = observeRate(startRate(0, 0), 10, 100);
    estimate = observeRate(estimate, 20, 400);
    expect(rateOf(estimate)).toBeCloseTo(5.1 / 111, 12);
    expect(remainingMs(estimate, 100)).toBeCloseTo((100 * 111) / 5.1, 9);
  });

  it('follows a rate change within a few samples, where the average since the start lags (fake clock)', () => {
    // 200 units at 10 ms each, then the run slows to 20 ms per unit (the screen, a second job…).
    const fast = work(startRate(0, 0), { done: 0, t: 0 }, 200, 10);
    expect(remainingMs(fast.estimate, 100)).toBeCloseTo(1000, 6);
    const slow = work(fast.estimate, fast, 100, 20);
    // After 2 s at the new pace (20 samples of 100 ms), 1 − 0.7²⁰ > 99.9 % of the weight is on it.
    const eta = remainingMs(slow.estimate, 100) ?? 0;
    expect(eta).toBeGreaterThan(0.99 * 2000);
    expect(eta).toBeLessThanOrEqual(2000);
    // The average since the start (elapsed / done) would still say 100 × 13.3 ms.
    expect((slow.t / slow.done) * 100).toBeCloseTo(1333.3, 1);
  });

  it('folds observations closer than minIntervalMs into the next sample, and uses the rate since the start until then', () => {
    let estimate = startRate(5, 0);
    expect(rateOf(estimate)).toBeNull();
    estimate = observeRate(estimate, 6, 40);
    expect(estimate.averageMs).toBe(0);
    expect(remainingMs(estimate, 10)).toBeCloseTo(400, 9);
    estimate = observeRate(estimate, 8, 120);
    expect(estimate).toMatchObject({ done: 8, atMs: 120, averageDone: 0.3 * 3, averageMs: 0.3 * 120 });
    expect(observeRate(estimate, 9, 150, { minIntervalMs: 20, smoothing: 1 })).toMatchObject({ averageDone: 1, averageMs: 30 });
  });

  it('a pause does not count as work time: the next observation restarts the clock', () => {
    const before = work(startRate(0, 0), { done: 0, t: 0 }, 50, 10);
    const paused = pauseRate(before.estimate);
    // Paused for 60 s, then one unit in 10 ms after resuming: the estimate keeps the 10 ms pace.
    const resumed = observeRate(paused, 51, before.t + 60_000 + 10);
    expect(remainingMs(resumed, 10)).toBeCloseTo(100, 6);
    const after = work(resumed, { done: 51, t: before.t + 60_010 }, 30, 10);
    expect(remainingMs(after.estimate, 10)).toBeCloseTo(100, 6);
  });

  it('no progress or no time is not a sample; nothing left is 0 ms', () => {
    const estimate = work(startRate(0, 0), { done: 0, t: 0 }, 20, 10).estimate;
    expect(observeRate(estimate, estimate.done, estimate.lastMs + 500)).toMatchObject({ averageDone: estimate.averageDone, averageMs: estimate.averageMs });
    expect(remainingMs(estimate, 0)).toBe(0);
    expect(remainingMs(estimate, -3)).toBe(0);
  });
});
