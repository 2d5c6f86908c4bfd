import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filter, firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { applyScalerInPlace, type Scaler } from '@clearprop/data';
import { predict, sequential } from '@clearprop/nn';
import { fromData } from '@clearprop/tensor';
import { loadCheckpoint, loadModel } from '../files/io.ts';
import { readNormalization } from '../files/model-metadata.ts';
import type { TrainingEvent } from '../events.ts';
import { readEventLog } from './event-log-reader.ts';
import { startSession } from './session.ts';
import { SessionError } from './session-error.ts';

const temp = () => mkdtempSync(join(tmpdir(), 'clearprop-session-'));
let t = 0;
const now = () => (t += 1);

/** A two-class CSV (x0 + x1 > 0 ⇒ class 1) and a config next to it with relative paths and no name. */
function csvExperiment(dir: string, extra: Record<string, unknown> = {}): string {
  const rows = Array.from({ length: 40 }, (_, i) => {
    const [a, b] = [Math.sin(i * 1.7), Math.cos(i * 2.3)];
    return `${a},${b},${a + b > 0 ? 1 : 0}`;
  });
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeFileSync(join(dir, 'data', 'train.csv'), ['x0,x1,label', ...rows].join('\n'));
  const config = {
    data: { train: 'data/train.csv', task: 'classification', standardize: true, validationSplit: 0.25 },
    model: { layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'softmax' }] },
    loss: 'softmaxCrossEntropy', optimizer: { name: 'adam', lr: 0.05 }, batchSize: 10, epochs: 3, seed: 2, ...extra,
  };
  writeFileSync(join(dir, 'my-exp.json'), JSON.stringify(config));
  return join(dir, 'my-exp.json');
}

describe('startSession', () => {
  it('resolves a config file like the runner: named after the file, data relative to it; saves the model with full metadata', async () => {
    const dir = temp();
    const config = csvExperiment(join(dir, 'configs'));
    const session = await startSession({ config: 'configs/my-exp.json', cwd: dir, runsDir: join(dir, 'runs'), now });
    expect(session.name).toBe('my-exp');
    expect(session.paths.outDir).toBe(join(dir, 'runs', 'my-exp'));
    expect(session.config.data.train).toBe(join(dir, 'configs', 'data', 'train.csv'));
    const { written, record } = await session.result;
    expect(existsSync(config)).toBe(true);
    expect(record.runEnd).toMatchObject({ reason: 'completed', epochs: 3 });
    const model = await loadModel(written.model as string);
    expect(JSON.parse(model.extra?.dataset ?? 'null')).toEqual({ task: 'classification', featureNames: ['x0', 'x1'], targetNames: ['label'], classLabels: ['0', '1'] });
    expect(model.normalization).toMatchObject({ kind: 'standardize' });
    expect(model.trainingConfig).toMatchObject({ name: 'my-exp', epochs: 3 });
    expect(readdirSync(session.paths.outDir).sort()).toEqual(['config.json', 'events.ndjson', 'metrics.csv', 'model.safetensors']);
    expect(readFileSync(session.paths.metrics, 'utf8').trim().split('\n')).toHaveLength(4);
    expect(record.confusion).toMatchObject({ split: 'validation', rows: 10, labels: ['0', '1'] });
    // The final boundary map: finer than the live ones, of the saved weights, in the CSV's units (x0 = sin(…) ∈ [−1, 1]).
    const boundary = record.boundary;
    if (!boundary) throw new Error('no final boundary map');
    expect([boundary.epoch, boundary.x.length, boundary.y.length, boundary.features]).toEqual([3, 128, 64, ['x0', 'x1']]);
    expect(boundary.x[0]).toBeLessThan(-1);
    expect(boundary.x[127]).toBeGreaterThan(1);
    const cell = 40 * 128 + 90;
    const input = Float32Array.of(boundary.x[90], boundary.y[40]);
    applyScalerInPlace(readNormalization(model.normalization, model.spec, 'model') as Scaler, input, 1, 2);
    const p = predict(sequential(model.spec), model.params, fromData(input, [1, 2])).data;
    expect(boundary.probabilities[cell * 2 + 1]).toBeCloseTo(p[1], 4);
  });

  it('rejects a config that does not fit its data before making any folder', async () => {
    const dir = temp();
    csvExperiment(dir, { model: { layers: [{ units: 3, activation: 'softmax' }] } });
    await expect(startSession({ config: join(dir, 'my-exp.json'), cwd: dir, runsDir: join(dir, 'runs') })).rejects.toThrow(`${join(dir, 'my-exp.json')}: model.layers[0].units is 3, but the training data has 2 target columns (one per class)`);
    expect(existsSync(join(dir, 'runs'))).toBe(false);
  });

  it('writes the event log live: lines are on disk while the run goes on', async () => {
    const dir = temp();
    const session = await startSession({ preset: 'iris', overrides: { epochs: 1000 }, outDir: join(dir, 'out'), now });
    const firstEpochs = firstValueFrom(session.events$.pipe(filter((e) => e.type === 'epochEnd' && e.epoch === 3)));
    await firstEpochs;
    await new Promise<void>((resolve) => setImmediate(resolve)); // the log flushes on the next turn
    const { events } = await readEventLog(session.paths.events);
    expect(events[0]).toMatchObject({ type: 'runStart', name: 'iris' });
    expect(events.filter((e) => e.type === 'epochEnd').length).toBeGreaterThanOrEqual(2);
    expect(events.some((e) => e.type === 'runEnd')).toBe(false);
    session.send({ type: 'stop' });
    const { record } = await session.result;
    expect(record.runEnd.reason).toBe('stopped');
    const all = await readEventLog(session.paths.events);
    expect(all.events.at(-1)).toMatchObject({ type: 'runEnd', reason: 'stopped' });
    expect(all.truncatedChars).toBe(0);
  });

  it('checkpoints on request with the config and metadata, and a resumed session finishes like an uninterrupted one', async () => {
    const dir = temp();
    const straight = await startSession({ preset: 'xor', overrides: { epochs: 12 }, outDir: join(dir, 'straight'), now });
    const first = await startSession({ preset: 'xor', overrides: { epochs: 12 }, outDir: join(dir, 'first'), now });
    first.events$.pipe(filter((e) => e.type === 'batchEnd' && e.epoch === 5 && e.batch === 1)).subscribe(() => {
      first.send({ type: 'checkpoint' });
      first.send({ type: 'stop' });
    });
    const stopped = await first.result;
    expect(stopped.record.checkpoints.map((c) => [c.path, c.epoch, c.batch])).toEqual([[first.paths.checkpoint, 5, 1]]);
    const checkpoint = await loadCheckpoint(first.paths.checkpoint);
    expect(checkpoint.model.trainingConfig).toMatchObject({ name: 'xor' });
    expect(JSON.parse(checkpoint.model.extra?.dataset ?? 'null')).toMatchObject({ task: 'classification' });
    const resumed = await startSession({ resume: first.paths.checkpoint, outDir: join(dir, 'resumed'), now });
    const events: TrainingEvent[] = await lastValueFrom(resumed.events$.pipe(toArray()));
    expect(events[0]).toMatchObject({ type: 'runStart', resumedAt: { epoch: 5, batch: 1 } });
    const [a, b] = await Promise.all([straight.result, resumed.result]);
    expect(b.params?.map((l) => Array.from(l.weight.data))).toEqual(a.params?.map((l) => Array.from(l.weight.data)));
    expect(a.params).toBeDefined();
  });

  it('a file that cannot be written stops the run with a SessionError naming it; what was written stays', async () => {
    const dir = temp();
    const session = await startSession({ preset: 'iris', overrides: { epochs: 100000 }, outDir: join(dir, 'out'), eventsCopy: '/dev/full', now });
    const error = await session.result.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(SessionError);
    expect(error).toMatchObject({ kind: 'write', path: '/dev/full', code: 'ENOSPC', message: 'cannot write /dev/full: no space left on the device (ENOSPC)' });
    // The run stopped (not 100000 epochs later) and the files that could be written were.
    expect((await readEventLog(session.paths.events)).events.at(-1)).toMatchObject({ type: 'runEnd', reason: 'stopped' });
    expect(existsSync(session.paths.model)).toBe(true);
  });

  it('a model that cannot be written rejects result, while record still holds the finished run (for charts)', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'taken.safetensors'));
    const session = await startSession({ preset: 'xor', overrides: { epochs: 2 }, outDir: join(dir, 'out'), model: join(dir, 'taken.safetensors'), now });
    await expect(session.result).rejects.toMatchObject({ kind: 'write', code: 'EISDIR', path: join(dir, 'taken.safetensors') });
    const record = await session.record;
    expect(record?.runEnd).toMatchObject({ type: 'runEnd', reason: 'completed', epochs: 2 });
    expect(record?.losses.map((p) => p.epoch)).toEqual([1, 2]);
  });

  it('refuses conflicting sources, and an output folder under a file, naming the path', async () => {
    const dir = temp();
    await expect(startSession({ preset: 'xor', config: 'x.json', cwd: dir })).rejects.toMatchObject({ name: 'SessionError', kind: 'usage' });
    writeFileSync(join(dir, 'file'), '');
    await expect(startSession({ preset: 'xor', outDir: join(dir, 'file', 'run') })).rejects.toThrow(`cannot write ${join(dir, 'file', 'run')}: a part of the path is not a directory (ENOTDIR)`);
  });
});
