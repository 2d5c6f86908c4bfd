import { describe, expect, it } from '@jest/globals';
import type { TrainingEvent } from '@clearprop/training';
import { runStart } from '@clearprop/training/testing';
import { initialDashboardState, reduceDashboard, type DashboardEvent, type DashboardState } from './dashboard-state.ts';
import { etaMs } from './eta.ts';

/**
 * A fake run clock: epochs of `msPerEpoch` wall time each, of which the epoch's own batches took half (`epochMs`);
 * the other half is evaluation, snapshots and the time the screen takes between epochs.
 */
function epochs(state: DashboardState, count: number, msPerEpoch: number): DashboardState {
  let s = state;
  for (let i = 0; i < count; i++) {
    const epoch = s.epochsDone + 1;
    const event: TrainingEvent = {
      type: 'epochEnd', epoch, trainLoss: 1, train: { loss: 1 }, learningRate: 0.01, elapsedMs: s.elapsedMs + msPerEpoch, epochMs: msPerEpoch / 2,
    };
    s = reduceDashboard(reduceDashboard(s, { type: 'epochStart', epoch }), event);
  }
  return s;
}
const reduce = (events: readonly DashboardEvent[], from: DashboardState) => events.reduce(reduceDashboard, from);

describe('ETA', () => {
  it('counts the wall time between epochs, not only the epochs’ own compute time', () => {
    const state = epochs(reduce([runStart({ epochs: 3000 })], initialDashboardState), 1000, 5);
    // 2000 epochs left at 5 ms of run time each; `epochMs` (2.5 ms) would say half: the "ETA 2× low" of issue 17.
    expect(etaMs(state)).toBeCloseTo(10_000, 6);
  });

  it('follows a change of pace within a few seconds of it (tqdm smoothing 0.3), where the run average lags', () => {
    const fast = epochs(reduce([runStart({ epochs: 3000 })], initialDashboardState), 1000, 5);
    const slow = epochs(fast, 200, 10); // 2 s at the new pace: 20 samples of ≥ 100 ms
    const eta = etaMs(slow) ?? 0;
    expect(eta).toBeGreaterThan(0.99 * 1800 * 10);
    expect(eta).toBeLessThanOrEqual(1800 * 10);
    // Elapsed over done would still give 1800 × 5.8 ms.
    expect((slow.elapsedMs / slow.epochsDone) * 1800).toBeCloseTo(10_500, 6);
  });

  it('a pause is not taken for slow epochs; none before the first epoch, none once the run is over', () => {
    const start = reduce([runStart({ epochs: 3000 })], initialDashboardState);
    expect(etaMs(start)).toBeNull();
    const before = epochs(start, 100, 5);
    const paused = reduce([{ type: 'control', command: 'pause', epoch: 100, batch: 2, step: 200, state: 'paused', learningRate: 0.01 }], before);
    const resumed = reduce([{ type: 'control', command: 'resume', epoch: 100, batch: 2, step: 200, state: 'running', learningRate: 0.01 }], { ...paused, elapsedMs: paused.elapsedMs + 60_000 });
    const after = epochs(resumed, 50, 5);
    expect(etaMs(after)).toBeCloseTo(2850 * 5, 6);
    const ended = reduce([{ type: 'runEnd', reason: 'completed', epochs: 150, batch: 0, steps: 300, bestEpoch: null, final: {}, elapsedMs: after.elapsedMs }], after);
    expect(etaMs(ended)).toBeNull();
  });
});
