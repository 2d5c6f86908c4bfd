import { describe, expect, it } from '@jest/globals';
import { curveTrials, initialSweepState, leaderboardRows, reduceSweep } from './sweep-state.ts';
import { sweepEvents } from './sweep-events.testing.ts';

const fold = (events: ReturnType<typeof sweepEvents>) => events.reduce(reduceSweep, initialSweepState);

describe('reduceSweep', () => {
  it('tracks trials from start to end; the leaderboard puts finished ones best first, pruned after, running last', () => {
    const state = fold(sweepEvents({ total: 8, done: 4, running: 2 }));
    expect(state).toMatchObject({ name: 'wine-lr', total: 8, runner: 'local', finished: false });
    expect(leaderboardRows(state).map((v) => [v.trial, v.status])).toEqual([[4, 'done'], [2, 'done'], [1, 'done'], [3, 'pruned'], [5, 'running'], [6, 'running']]);
    expect(state.trials[5].curve.map((p) => p.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(state.log).toContain('trial 3 pruned at epoch 3: validation.accuracy 0.4 is not in the best 1 of 2 at epoch 3 (rank 2, cutoff 0.5)');
  });

  it('draws the running trials’ curves, or the best finished ones when none runs', () => {
    expect(curveTrials(fold(sweepEvents({ total: 8, done: 4, running: 2 })), 6).map((v) => v.trial)).toEqual([5, 6]);
    expect(curveTrials(fold(sweepEvents({ total: 4, done: 4, running: 0 })), 2).map((v) => v.trial)).toEqual([4, 2]);
  });

  it('a trial started again (its worker died) starts a new curve; sweepEnd marks the sweep finished', () => {
    let state = fold(sweepEvents({ total: 2, done: 0, running: 1 }));
    state = reduceSweep(state, { type: 'trialStart', trial: 1, params: {} });
    expect(state.trials[1]).toMatchObject({ status: 'running', curve: [] });
    state = reduceSweep(state, { type: 'sweepEnd', trials: 2, counts: { done: 2, earlyStopped: 0, pruned: 0, diverged: 0, failed: 0 }, best: 1, bestObjective: 0.9, elapsedMs: 10 });
    expect(state.finished).toBe(true);
    expect(state.log.at(-1)).toBe('sweep finished: best trial 1');
  });
});
