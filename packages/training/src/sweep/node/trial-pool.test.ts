import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { presetConfig } from '../../experiments/presets.ts';
import { trialConfig } from '../sampling.ts';
import type { RungValue } from '../types.ts';
import { runTrial, type TrialTask } from './run-trial.ts';
import { createTrialPool } from './trial-pool.ts';

const dir = mkdtempSync(join(tmpdir(), 'clearprop-trial-'));
const base = { ...presetConfig('iris'), epochs: 6 };
const objective = { split: 'validation', metric: 'loss', mode: 'min' } as const;
const task = (trial: number, lr: number, extra: Partial<TrialTask> = {}): TrialTask => ({
  plan: { trial, params: { 'optimizer.lr': lr } },
  configs: [trialConfig({ base, name: 't' }, { trial, params: { 'optimizer.lr': lr } })],
  objective, rungs: [], outDir: join(dir, `trial-${trial}`), ...extra,
});
const pool = createTrialPool({ threads: 2 });
afterAll(() => pool.destroy());

describe('trials on worker threads', () => {
  it('gives the numbers of the same trial run on this thread, and writes its run folder', async () => {
    const epochs: number[] = [];
    let started = 0;
    const pooled = await pool.run(task(1, 0.02), { onStart: () => started++, onEpoch: (epoch) => epochs.push(epoch), decide: async () => ({ promote: true }) });
    const inline = await runTrial(task(1, 0.02, { outDir: join(dir, 'inline') }), { now: () => 0, onEpoch: () => undefined, decide: async () => ({ promote: true }) });
    expect(started).toBe(1);
    expect(epochs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pooled.status).toBe('done');
    expect(pooled.objective).toBe(inline.objective);
    expect(pooled.metrics).toEqual(inline.metrics);
    for (const file of ['events.ndjson', 'metrics.csv', 'config.json', 'model.safetensors']) expect(existsSync(join(dir, 'trial-1', file))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'trial-1', 'config.json'), 'utf8')).optimizer.lr).toBe(0.02);
  });

  it('a rung pauses the trial for the verdict; a stop ends it there as pruned', async () => {
    const asked: RungValue[] = [];
    const result = await pool.run(task(2, 0.02, { rungs: [2, 4] }), {
      onEpoch: () => undefined,
      decide: async (rung) => {
        asked.push(rung);
        return rung.epoch === 2 ? { promote: true } : { promote: false, reason: 'not good enough' };
      },
    });
    expect(asked.map((r) => r.epoch)).toEqual([2, 4]);
    expect(result).toMatchObject({ status: 'pruned', reason: 'not good enough', epochs: 4, rungs: asked });
    // Paused at epoch 4, stopped before epoch 5: the log's last epochEnd is 4, then the stop and runEnd.
    const events = readFileSync(join(dir, 'trial-2', 'events.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string; epoch?: number; command?: string });
    expect(events.filter((e) => e.type === 'epochEnd').map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(events.filter((e) => e.type === 'control').map((e) => e.command)).toEqual(['pause', 'resume', 'pause', 'stop']);
    expect(events.at(-1)).toMatchObject({ type: 'runEnd', reason: 'stopped', epochs: 4 });
  });

  it('cross-validated trials run their folds together and report mean ± std', async () => {
    const configs = [1, 2, 3].map((index) => trialConfig({ base, name: 't' }, { trial: 3, params: {} }, { index, count: 3 }));
    const means: number[] = [];
    const result = await pool.run(task(3, 0.02, { configs, rungs: [3] }), { onEpoch: (_e, v) => means.push(v), decide: async () => ({ promote: true }) });
    expect(result.folds.map((f) => f.fold)).toEqual([1, 2, 3]);
    expect(means).toHaveLength(6);
    const losses = result.folds.map((f) => f.metrics['validation.loss']);
    expect(result.objective).toBeCloseTo(losses.reduce((a, b) => a + b, 0) / 3, 12);
    expect(result.std?.objective).toBeGreaterThan(0);
    for (const i of [1, 2, 3]) expect(existsSync(join(dir, 'trial-3', `fold-${i}`, 'model.safetensors'))).toBe(true);
  });

  it('starts trials in the order given (piscina alone does not), one per thread', async () => {
    const single = createTrialPool({ threads: 1 });
    const starts: number[] = [];
    const hooks = (trial: number) => ({ onStart: () => starts.push(trial), onEpoch: () => undefined, decide: async () => ({ promote: true }) });
    const short = (trial: number) => ({ ...task(10 + trial, 0.02), configs: [{ ...task(10 + trial, 0.02).configs[0], epochs: 1 }] });
    await Promise.all([1, 2, 3, 4].map((trial) => single.run(short(trial), hooks(trial))));
    await single.destroy();
    expect(starts).toEqual([1, 2, 3, 4]);
  });

  it('a trial whose experiment cannot be built fails with the error as its reason', async () => {
    const bad = task(4, 0.02);
    const result = await pool.run({ ...bad, configs: [{ ...bad.configs[0], data: { train: join(dir, 'missing.csv') } }] }, { onEpoch: () => undefined, decide: async () => ({ promote: true }) });
    expect(result).toMatchObject({ status: 'failed', objective: null });
    expect(result.reason).toMatch(/^DataError: .*missing\.csv/);
  });
});
