import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './cli-harness.ts';
import { freePort, startCli, startRedis, stopChild, type RedisServer, type RunningCli } from './redis-server.ts';
import { sweepEvents, trialsWithoutDurations, writeSweep } from './sweep-fixtures.ts';

const GRID = { name: 'grid', space: { 'optimizer.lr': { choice: [0.05, 0.01] }, 'model.layers.0.units': { int: [4, 5] } }, search: { method: 'grid' }, objective: { metric: 'validation.accuracy' } };
// A short lock so a killed worker's trial comes back within seconds (the default is 30 s); longer where nothing is
// killed, so a busy machine cannot make a live worker look dead.
const worker = (url: string, stallSeconds = 5): RunningCli => startCli(['worker', '--queue', url, '--stall-timeout', String(stallSeconds)]);

describe('clearprop sweep --queue with clearprop workers (BullMQ on a real redis-server)', () => {
  let redis: RedisServer;
  const running: RunningCli[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(running.map((w) => stopChild(w.child, 'SIGKILL')));
    await redis?.stop();
  });

  it('two workers give the same trials.csv as the local sweep', async () => {
    const dir = tempDir();
    const file = writeSweep(dir, GRID);
    const workers = [worker(redis.url), worker(redis.url)];
    running.push(...workers);
    await Promise.all(workers.map((w) => w.waitFor(/taking trials from/)));
    const [queued, local] = await Promise.all([
      cli(['sweep', '--config', file, '--queue', redis.url, '--out-dir', join(dir, 'queue')]),
      cli(['sweep', '--config', file, '--parallel', '2', '--out-dir', join(dir, 'local')]),
    ]);
    expect([queued.code, local.code]).toEqual([0, 0]);
    expect(queued.stderr).toContain(`4 trials (grid search), on the queue at ${redis.url}`);
    expect(trialsWithoutDurations(join(dir, 'queue'))).toBe(trialsWithoutDurations(join(dir, 'local')));
    // The workers' files came back into the coordinator's folder; each trial ran on some worker exactly once.
    for (const trial of [1, 2, 3, 4]) expect(existsSync(join(dir, 'queue', 'trials', String(trial), 'model.safetensors'))).toBe(true);
    const started = workers.flatMap((w) => [...w.stderr().matchAll(/-trial-(\d+): started/g)].map((m) => Number(m[1])));
    expect(started.sort()).toEqual([1, 2, 3, 4]);
    await Promise.all(workers.map(async (w) => {
      w.child.kill('SIGTERM');
      expect((await w.exited).code).toBe(130);
    }));
  });

  it('kill -9 of a worker mid-trial: the trial goes back to the queue, another worker runs it, each trial once in trials.csv', async () => {
    const dir = tempDir();
    const file = writeSweep(dir, { ...GRID, name: 'crash', space: { 'optimizer.lr': { choice: [0.05, 0.01, 0.02] } } });
    const doomed = worker(redis.url, 2);
    running.push(doomed);
    await doomed.waitFor(/taking trials from/);
    const coordinator = cli(['sweep', '--config', file, '--queue', redis.url, '--out-dir', join(dir, 'queue')]);
    await doomed.waitFor(/-trial-1: started/);
    doomed.child.kill('SIGKILL');
    expect((await doomed.exited).signal).toBe('SIGKILL');
    const survivor = worker(redis.url, 2);
    running.push(survivor);
    const [queued, local] = await Promise.all([coordinator, cli(['sweep', '--config', file, '--parallel', '1', '--out-dir', join(dir, 'local')])]);
    expect(queued.code).toBe(0);
    expect(survivor.stderr()).toMatch(/-trial-1: started/);
    const csv = trialsWithoutDurations(join(dir, 'queue'));
    expect(csv.split('\n').slice(1).map((row) => row.split(',')[0])).toEqual(['1', '2', '3']);
    expect(csv).toBe(trialsWithoutDurations(join(dir, 'local')));
    // The log shows trial 1 starting twice (the lost run and the rerun) and ending once.
    const events = sweepEvents(join(dir, 'queue'));
    expect(events.filter((e) => e.type === 'trialEnd').map((e) => e.trial).sort()).toEqual([1, 2, 3]);
    expect(events.filter((e) => e.type === 'trialStart' && e.trial === 1).length).toBeGreaterThanOrEqual(1);
    await stopChild(survivor.child, 'SIGTERM');
  });

  it('a coordinator that dies is continued by --resume, which re-attaches to its jobs on the queue', async () => {
    const dir = tempDir();
    const file = writeSweep(dir, { ...GRID, name: 'restart' });
    const first = startCli(['sweep', '--config', file, '--queue', redis.url, '--out-dir', join(dir, 'queue')]);
    running.push(first);
    await first.waitFor(/on the queue at/);
    first.child.kill('SIGKILL'); // the jobs are on the queue; nobody runs them yet
    await first.exited;
    const w = worker(redis.url);
    running.push(w);
    const resumed = await cli(['sweep', '--resume', join(dir, 'queue')]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`on the queue at ${redis.url}`);
    const local = await cli(['sweep', '--config', file, '--parallel', '2', '--out-dir', join(dir, 'local')]);
    expect(trialsWithoutDurations(join(dir, 'queue'))).toBe(trialsWithoutDurations(join(dir, 'local')));
    // The jobs the first coordinator queued were run once each: re-adding them on resume found the same jobs.
    expect([...w.stderr().matchAll(/-trial-(\d+): started/g)].map((m) => Number(m[1])).sort()).toEqual([1, 2, 3, 4]);
    await stopChild(w.child, 'SIGTERM');
  });

  it('an unreachable Redis is a clear error with exit 1, for the coordinator (no folder made) and a worker', async () => {
    const dir = tempDir();
    const url = `redis://127.0.0.1:${await freePort()}`;
    const [sweep, lone] = await Promise.all([
      cli(['sweep', '--config', writeSweep(dir, GRID), '--queue', url, '--out-dir', join(dir, 'out')]),
      cli(['worker', '--queue', url]),
    ]);
    for (const run of [sweep, lone]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`error: cannot reach Redis at ${url}: connect ECONNREFUSED ${url.slice('redis://'.length)}\n`);
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const bad = await cli(['worker', '--queue', 'localhost:6379']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('not a Redis address; expected redis://host:port');
  });
});
