import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, parseNdjson, tempDir } from './cli-harness.ts';
import { sweepEvents, trialsWithoutDurations, writeSweep } from './sweep-fixtures.ts';

const GRID = { name: 'grid', space: { 'optimizer.lr': { choice: [0.05, 0.01] }, 'model.layers.0.units': { int: [4, 5] } }, search: { method: 'grid' }, objective: { metric: 'validation.accuracy' } };

describe('clearprop sweep on worker threads', () => {
  it('a grid of 4 trials gives the same trials.csv (but durations) with --parallel 2 as with --parallel 1; --resume re-runs only unfinished trials', async () => {
    const dir = tempDir();
    const file = writeSweep(dir, GRID);
    const [two, one] = await Promise.all([
      cli(['sweep', '--config', file, '--parallel', '2', '--out-dir', join(dir, 'p2')]),
      cli(['sweep', '--config', file, '--parallel', '1', '--out-dir', join(dir, 'p1'), '--json']),
    ]);
    expect(two.stderr).toContain('sweep grid: 4 trials (grid search), 2 at a time on worker threads; objective validation.accuracy (max)');
    expect([two.code, one.code]).toEqual([0, 0]);
    const csv = trialsWithoutDurations(join(dir, 'p2'));
    expect(csv).toBe(trialsWithoutDurations(join(dir, 'p1')));
    const rows = csv.split('\n');
    // Every final metric of a classifier per split: loss and accuracy first, then the rest by name (metricKeys).
    const metrics = ['loss', 'accuracy', 'auc', 'f1', 'f1Weighted', 'logLoss', 'precision', 'precisionWeighted', 'recall', 'recallWeighted'];
    const columns = ['train', 'validation', 'test'].flatMap((split) => metrics.map((m) => `${split}_${m}`));
    expect(rows[0]).toBe(['trial', 'optimizer.lr', 'model.layers.0.units', 'objective', ...columns, 'epochs', 'status', 'reason'].join(','));
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 3).join(','))).toEqual(['1,0.05,4', '2,0.05,5', '3,0.01,4', '4,0.01,5']);
    for (const row of rows.slice(1)) expect(row).toMatch(/,6,done,$/);
    // The objective column is each trial's final validation accuracy, as its own run folder's model says.
    const trial2 = JSON.parse(readFileSync(join(dir, 'p2', 'trials', '2', 'result.json'), 'utf8')) as { objective: number; metrics: Record<string, number> };
    expect(rows[2].split(',')[3]).toBe(String(trial2.objective));
    expect(trial2.objective).toBe(trial2.metrics['validation.accuracy']);
    const runEnd = parseNdjson(readFileSync(join(dir, 'p2', 'trials', '2', 'events.ndjson'), 'utf8')).at(-1) as { final: { validation: { accuracy: number } } };
    expect(runEnd.final.validation.accuracy).toBe(trial2.objective);
    for (const file of ['model.safetensors', 'metrics.csv', 'config.json']) expect(existsSync(join(dir, 'p2', 'trials', '3', file))).toBe(true);
    // The JSON summary and best.json name the best trial; the text output is a leaderboard.
    const summary = JSON.parse(one.stdout) as { best: { trial: number; objective: number }; counts: Record<string, number> };
    const best = JSON.parse(readFileSync(join(dir, 'p1', 'best.json'), 'utf8')) as { trial: number; objective: { value: number } };
    expect(summary.counts.done).toBe(4);
    expect(best.trial).toBe(summary.best.trial);
    expect(best.objective.value).toBe(Math.max(...rows.slice(1).map((r) => Number(r.split(',')[3]))));
    expect(two.stdout.split('\n')[0]).toMatch(/^#  trial  validation.accuracy \(max\)  epochs  status  time +optimizer.lr  model.layers.0.units$/);
    // sweep.ndjson: one start, four trial starts and ends, one end.
    const types = sweepEvents(join(dir, 'p2')).map((e) => e.type).filter((t) => t !== 'trialEpoch');
    expect(types.filter((t) => t === 'trialStart')).toHaveLength(4);
    expect([types[0], types.at(-1)]).toEqual(['sweepStart', 'sweepEnd']);

    // Resume: trial 3 as if the coordinator died while it ran.
    rmSync(join(dir, 'p2', 'trials', '3', 'result.json'));
    const resumed = await cli(['sweep', '--resume', join(dir, 'p2'), '--parallel', '2']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('resuming: 3 of 4 trials already finished');
    expect(trialsWithoutDurations(join(dir, 'p2'))).toBe(csv);
    const starts = sweepEvents(join(dir, 'p2')).filter((e) => e.type === 'sweepStart' || e.type === 'trialStart');
    expect(starts.slice(5)).toEqual([expect.objectContaining({ type: 'sweepStart', resumed: [1, 2, 4] }), expect.objectContaining({ type: 'trialStart', trial: 3 })]);
  });

  it('successive halving stops the bad half early, says when and why, and decides the same with --parallel 1 and 2', async () => {
    const dir = tempDir();
    // Trials 2 and 3 barely learn (lr 1e-5); 1 and 4 do. Rung at epoch 3 of 6, best half goes on.
    const file = writeSweep(dir, {
      name: 'asha', space: { 'optimizer.lr': { choice: [0.05, 0.00001, 0.00002, 0.04] } }, search: { method: 'grid' },
      objective: { metric: 'validation.loss', mode: 'min' }, prune: { method: 'asha', minEpochs: 3, reduction: 2 },
    });
    const [two, one] = await Promise.all([
      cli(['sweep', '--config', file, '--parallel', '2', '--out-dir', join(dir, 'p2')]),
      cli(['sweep', '--config', file, '--parallel', '1', '--out-dir', join(dir, 'p1')]),
    ]);
    expect([two.code, one.code]).toEqual([0, 0]);
    const csv = trialsWithoutDurations(join(dir, 'p2'));
    expect(csv).toBe(trialsWithoutDurations(join(dir, 'p1')));
    const rows = csv.split('\n').slice(1).map((r) => r.split(','));
    const epochsAt = rows[0].length - 3;
    expect(rows.map((r) => [r[0], r[epochsAt], r[epochsAt + 1]])).toEqual([['1', '6', 'done'], ['2', '3', 'pruned'], ['3', '3', 'pruned'], ['4', '6', 'done']]);
    expect(csv.split('\n')[2]).toMatch(/,3,pruned,"pruned at epoch 3: validation\.loss [\d.]+ is not in the best 1 of 2 at epoch 3 \(rank 2, cutoff [\d.]+\)"$/);
    const rung = sweepEvents(join(dir, 'p2')).filter((e) => e.type === 'trialRung');
    expect(rung.map((e) => [e.trial, e.epoch, e.decision])).toEqual(expect.arrayContaining([[1, 3, 'continue'], [2, 3, 'prune'], [3, 3, 'prune'], [4, 3, 'continue']]));
    expect(rung.find((e) => e.trial === 3)).toMatchObject({ of: 3, keep: 1, message: expect.stringContaining('is not in the best 1 of 3') });
    expect(rung.find((e) => e.trial === 3)?.rank).toBeGreaterThan(1);
    expect(two.stderr).toMatch(/trial 2\/4 pruned at epoch 3: validation\.loss .* is not in the best 1 of 2/);
    // The pruned trial's own run stopped after epoch 3, through the stream's stop command.
    const events = parseNdjson(readFileSync(join(dir, 'p2', 'trials', '2', 'events.ndjson'), 'utf8'));
    expect(events.at(-1)).toMatchObject({ type: 'runEnd', reason: 'stopped', epochs: 3 });
    expect(events.filter((e) => e.type === 'control').map((e) => e.command)).toEqual(['pause', 'stop']);
  });

  it('cv: 5 on iris reports 5 stratified folds with mean ± std per trial', async () => {
    const dir = tempDir();
    const { validationSplit: _v, ...data } = { builtin: 'iris', standardize: true, testSplit: 0.2, validationSplit: 0.2 };
    const file = writeSweep(dir, { name: 'cv', base: { ...JSON.parse(JSON.stringify(await import('./sweep-fixtures.ts').then((m) => m.IRIS_BASE))), data }, space: { 'optimizer.lr': { choice: [0.05] } }, search: { method: 'grid' }, objective: { metric: 'validation.accuracy' }, cv: 5 });
    const run = await cli(['sweep', '--config', file, '--out-dir', join(dir, 'out'), '--json']);
    expect(run.code).toBe(0);
    const csv = readFileSync(join(dir, 'out', 'trials.csv'), 'utf8').trim().split('\n').map((r) => r.split(','));
    expect(csv[0].slice(0, 5)).toEqual(['trial', 'optimizer.lr', 'objective', 'objective_std', 'train_loss']);
    const result = JSON.parse(readFileSync(join(dir, 'out', 'trials', '1', 'result.json'), 'utf8')) as { folds: { fold: number; metrics: Record<string, number> }[]; objective: number; std: { objective: number } };
    const accuracies = result.folds.map((f) => f.metrics['validation.accuracy']);
    expect(result.folds.map((f) => f.fold)).toEqual([1, 2, 3, 4, 5]);
    const mean = accuracies.reduce((a, b) => a + b, 0) / 5;
    expect(result.objective).toBeCloseTo(mean, 12);
    expect(result.std.objective).toBeCloseTo(Math.sqrt(accuracies.reduce((a, v) => a + (v - mean) ** 2, 0) / 5), 12);
    expect(Number(csv[1][2])).toBe(result.objective);
    // Stratified: the 120 rows left after the test split give every fold 24 validation rows, 8 of each class.
    for (const fold of [1, 2, 3, 4, 5]) {
      const events = parseNdjson(readFileSync(join(dir, 'out', 'trials', '1', `fold-${fold}`, 'events.ndjson'), 'utf8'));
      expect(events[0]).toMatchObject({ type: 'runStart', validationSize: 24, trainSize: 96 });
      const confusion = events.filter((e) => e.type === 'confusionMatrix' && e.split === 'validation').at(-1) as { matrix: number[][] };
      expect(confusion.matrix.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([8, 8, 8]);
    }
  });

  it('clearprop train --cv 5: five folds, mean ± std, one run folder per fold', async () => {
    const dir = tempDir();
    const run = await cli(['train', '--preset', 'iris', '--epochs', '5', '--cv', '5', '--out-dir', join(dir, 'cv'), '--json']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { folds: number; perFold: { metrics: Record<string, number> }[]; mean: Record<string, number>; std: Record<string, number> };
    expect(summary.folds).toBe(5);
    const accuracy = summary.perFold.map((f) => f.metrics['validation.accuracy']);
    expect(summary.mean['validation.accuracy']).toBeCloseTo(accuracy.reduce((a, b) => a + b, 0) / 5, 12);
    expect(summary.std['validation.accuracy']).toBeGreaterThanOrEqual(0);
    expect(readdirSync(join(dir, 'cv')).sort()).toEqual(['cv.json', 'fold-1', 'fold-2', 'fold-3', 'fold-4', 'fold-5']);
    const text = await cli(['train', '--preset', 'iris', '--epochs', '5', '--cv', '5', '--out-dir', join(dir, 'cv2')]);
    expect(text.stdout).toMatch(/validation\.accuracy +\d\.\d+ ± \d\.\d+/);
    expect(text.stderr).toContain('5-fold cross-validation, stratified for classification (instead of its validation split), 5 epochs per fold');
  });

  it.each([
    ['an unknown config path', { space: { 'optimizer.lrr': { choice: [0.1] } } }, /error: .*sweep\.json: space\."optimizer\.lrr": unknown config path: optimizer has no key "lrr"/],
    ['a range with a > b', { space: { 'optimizer.lr': { uniform: [0.1, 0.01] } }, search: { method: 'random', samples: 2 } }, /space\."optimizer\.lr": uniform range \[0\.1, 0\.01\] has a > b/],
    ['loguniform with a bound ≤ 0', { space: { 'optimizer.lr': { loguniform: [-1, 0.01] } }, search: { method: 'random', samples: 2 } }, /space\."optimizer\.lr": loguniform bounds must be > 0, got \[-1, 0\.01\]/],
  ])('%s is a clear error with exit 1, and no sweep folder', async (_name, change, message) => {
    const dir = tempDir();
    const run = await cli(['sweep', '--config', writeSweep(dir, { ...GRID, ...change }), '--out-dir', join(dir, 'out')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('--resume of a folder that is not a sweep is an error with exit 1; --config with --resume is a usage error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'sweep.json'), '{"format":"something-else"}');
    const [notSweep, empty, both] = await Promise.all([
      cli(['sweep', '--resume', dir]), cli(['sweep', '--resume', tempDir()]), cli(['sweep', '--resume', dir, '--config', 'x.yaml']),
    ]);
    expect(notSweep.code).toBe(1);
    expect(notSweep.stderr).toBe(`error: ${dir}: not a sweep folder: its sweep.json was not written by clearprop sweep\n`);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/not a sweep folder \(it has no sweep\.json\)/);
    expect(both.code).toBe(2);
  });
});
