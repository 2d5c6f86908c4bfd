import { describe, expect, it } from '@jest/globals';
import { meanStd, rankTrials, trialResult } from './aggregate.ts';
import { formatLeaderboard } from './leaderboard.ts';
import { trialsCsv } from './trials-csv.ts';
import type { FoldResult, Objective, TrialResult } from './types.ts';

const objective: Objective = { split: 'validation', metric: 'accuracy', mode: 'max' };
const fold = (fold: number, accuracy: number, extra: Partial<FoldResult> = {}): FoldResult => ({
  fold, status: 'done', epochs: 10, metrics: { 'validation.loss': 1 - accuracy, 'validation.accuracy': accuracy, 'train.loss': 0.1 }, ...extra,
});
const result = (trial: number, objectiveValue: number | null, extra: Partial<TrialResult> = {}): TrialResult => ({
  trial, params: { 'optimizer.lr': trial / 100, batchSize: 16 }, status: 'done', objective: objectiveValue, metrics: objectiveValue === null ? {} : { 'validation.accuracy': objectiveValue },
  epochs: 10, rungs: [], folds: [], durationMs: 1234, ...extra,
});

describe('meanStd', () => {
  it('population std, as numpy.std', () => {
    // numpy: np.mean([2, 4, 4, 4, 5, 5, 7, 9]) = 5.0, np.std(...) = 2.0
    expect(meanStd([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, std: 2 });
    expect(meanStd([3])).toEqual({ mean: 3, std: 0 });
  });
});

describe('trialResult', () => {
  it('averages every metric over folds, with std; the objective is the mean of its metric', () => {
    const r = trialResult({ plan: { trial: 2, params: { x: 1 } }, folds: [fold(1, 0.9), fold(2, 1), fold(3, 0.8)], rungs: [], durationMs: 50 }, objective);
    expect(r.objective).toBeCloseTo(0.9, 12);
    expect(r.std?.objective).toBeCloseTo(Math.sqrt(0.02 / 3), 12);
    expect(r.metrics['validation.loss']).toBeCloseTo(0.1, 12);
    expect(r.std?.['train.loss']).toBeCloseTo(0, 12);
    expect(r.status).toBe('done');
    expect(r.folds).toHaveLength(3);
  });
  it('the worst fold decides the status; failed and diverged trials have no objective', () => {
    const failed = trialResult({ plan: { trial: 1, params: {} }, folds: [fold(1, 0.9), fold(2, 0, { status: 'failed', reason: 'DataError: x', metrics: {} })], rungs: [], durationMs: 1 }, objective);
    expect(failed).toMatchObject({ status: 'failed', reason: 'DataError: x', objective: null, metrics: {} });
    const pruned = trialResult({ plan: { trial: 1, params: {} }, folds: [fold(1, 0.5, { status: 'pruned' })], rungs: [{ epoch: 4, value: 0.5 }], durationMs: 1, pruneReason: 'why' }, objective);
    expect(pruned).toMatchObject({ status: 'pruned', reason: 'why', objective: 0.5 });
    expect(pruned.std).toBeUndefined();
  });
});

describe('rankTrials and the leaderboard', () => {
  const results = [result(1, 0.8), result(2, 0.95, { status: 'pruned', epochs: 4 }), result(3, null, { status: 'failed', reason: 'boom' }), result(4, 0.9), result(5, 0.9)];
  it('finished trials first by objective (ties by id), then pruned, then those without an objective', () => {
    expect(rankTrials(results, 'max').map((r) => r.trial)).toEqual([4, 5, 1, 2, 3]);
    expect(rankTrials(results, 'min').map((r) => r.trial)).toEqual([1, 4, 5, 2, 3]);
  });
  it('prints aligned columns, best first', () => {
    const space = [{ path: 'optimizer.lr', domain: { kind: 'uniform', low: 0, high: 1 } as const }];
    expect(formatLeaderboard(results, { objective, space, top: 3 })).toEqual([
      '#  trial  validation.accuracy (max)  epochs  status  time   optimizer.lr',
      '1      4  0.9                        10      done    1.2 s  0.04',
      '2      5  0.9                        10      done    1.2 s  0.05',
      '3      1  0.8                        10      done    1.2 s  0.01',
    ]);
  });
});

describe('trialsCsv', () => {
  it('one row per trial in id order; params, objective, metrics, epochs, status, reason, duration', () => {
    const space = [{ path: 'optimizer.lr', domain: { kind: 'uniform', low: 0, high: 1 } as const }, { path: 'model.layers', domain: { kind: 'choice', values: [] } as const }];
    const rows = [
      result(2, null, { status: 'failed', reason: 'DataError: wine.csv, line 3: "x", bad', params: { 'optimizer.lr': 0.5, 'model.layers': [{ units: 3 }] } }),
      result(1, 0.75, { metrics: { 'validation.accuracy': 0.75, 'validation.loss': 0.5, 'train.loss': 0.25 }, params: { 'optimizer.lr': 0.1, 'model.layers': [] } }),
    ];
    expect(trialsCsv(space, rows, { cv: false })).toBe([
      'trial,optimizer.lr,model.layers,objective,train_loss,validation_loss,validation_accuracy,epochs,status,reason,duration_ms',
      '1,0.1,[],0.75,0.25,0.5,0.75,10,done,,1234',
      '2,0.5,"[{""units"":3}]",,,,,10,failed,"DataError: wine.csv, line 3: ""x"", bad",1234',
      '',
    ].join('\n'));
  });
  it('with cv: a std column after the objective and after each metric', () => {
    const row = result(1, 0.8, { std: { objective: 0.05, 'validation.accuracy': 0.05 } });
    expect(trialsCsv([], [row], { cv: true }).split('\n')).toEqual([
      'trial,objective,objective_std,validation_accuracy,validation_accuracy_std,epochs,status,reason,duration_ms', '1,0.8,0.05,0.8,0.05,10,done,,1234', '',
    ]);
  });
});
