import { afterAll, describe, expect, it } from '@jest/globals';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, filter, lastValueFrom, toArray } from 'rxjs';
import type { TrainingEvent } from '@clearprop/training';
import { parseDashboardArgs, UsageError } from '../cli/args.ts';
import { sourceFor } from '../cli/sources.ts';
import { formatPlainLine } from '../cli/plain.ts';
import { boundarySnapshot, epochEvents as epoch, runStart, unitActivationsSnapshot } from '@clearprop/training/testing';
import { followSource } from './follow-source.ts';
import { readEventFile, replaySource } from './replay-source.ts';
import { timeline } from './timeline.ts';

const directory = await mkdtemp(join(tmpdir(), 'clearprop-dashboard-'));
afterAll(() => rm(directory, { recursive: true, force: true }));
const runEnd: TrainingEvent = { type: 'runEnd', reason: 'completed', epochs: 2, batch: 0, steps: 4, bestEpoch: null, final: {}, elapsedMs: 200 };
const recorded: TrainingEvent[] = [runStart({ epochs: 2 }), ...epoch(1, 1), ...epoch(2, 0.5), runEnd];
const ndjson = (events: readonly TrainingEvent[]) => events.map((e) => `${JSON.stringify(e)}\n`).join('');

describe('timeline', () => {
  it('times events by the elapsedMs of epochEnd/runEnd, spreading the ones in between evenly', () => {
    expect(timeline(recorded).map(Math.round)).toEqual([17, 33, 50, 67, 83, 100, 120, 140, 160, 180, 200, 200]);
  });
});

describe('followSource', () => {
  it('shows a file that grows in pieces as it grows, and stops at runEnd', async () => {
    const path = join(directory, 'follow.ndjson');
    const source = followSource(path, { pollMs: 5 });
    const seen: TrainingEvent[] = [];
    const all = lastValueFrom(source.events$.pipe(toArray()));
    source.events$.subscribe((e) => void (e.type !== 'app' && seen.push(e)));
    const text = ndjson(recorded);
    const cut = text.indexOf('"type":"epochEnd"');
    await writeFile(path, text.slice(0, cut));
    await firstValueFrom(source.events$.pipe(filter((e) => e.type === 'layerStats')));
    expect(seen.some((e) => e.type === 'epochEnd')).toBe(false);
    await appendFile(path, text.slice(cut));
    const events = (await all).filter((e) => e.type !== 'app');
    expect(events).toEqual(recorded);
  });
});

describe('replaySource', () => {
  it('plays a recorded file back in order, faster with speed, and reports speed changes', async () => {
    const path = join(directory, 'replay.ndjson');
    await writeFile(path, `not an event\n${ndjson(recorded)}{"type":"epochSt`);
    const { events, notes } = await readEventFile(path);
    expect(events).toEqual(recorded);
    expect(notes).toEqual([`${path}: skipped 1 line that is not events`, `${path}: the last line is cut short (16 characters, no newline) and was skipped`]);
    const source = replaySource(events, { speed: 100, tickMs: 5 });
    const played = lastValueFrom(source.events$.pipe(toArray()));
    source.send({ type: 'setSpeed', speed: 1000 });
    const out = await played;
    expect(out.filter((e) => e.type !== 'app')).toEqual(recorded);
    expect(out.filter((e) => e.type === 'app').map((e) => e.type === 'app' && e.speed)).toContain(1000);
  });
});

describe('sourceFor (train)', () => {
  it('resolves a config like the runner: named after its file, data paths relative to it, run folder under the cwd', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'clearprop-dashboard-cwd-'));
    await mkdir(join(cwd, 'exp', 'data'), { recursive: true });
    const rows = Array.from({ length: 20 }, (_, i) => `${i / 20},${(i % 3) / 3}`);
    await writeFile(join(cwd, 'exp', 'data', 'train.csv'), ['x,y', ...rows].join('\n'));
    await writeFile(join(cwd, 'exp', 'my-exp.json'), JSON.stringify({
      data: { train: 'data/train.csv', target: 'y' }, model: { layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'identity' }] },
      loss: 'meanSquaredError', optimizer: { name: 'sgd', lr: 0.1 }, batchSize: 5, epochs: 2, seed: 1,
    }));
    const source = await sourceFor({ kind: 'train', config: 'exp/my-exp.json', overrides: {}, plain: true }, cwd);
    const events = (await lastValueFrom(source.events$.pipe(toArray()))).filter((e) => e.type !== 'app');
    expect(events[0]).toMatchObject({ type: 'runStart', name: 'my-exp', trainSize: 20 });
    expect(await source.quit()).toMatch(/model written to .*runs\/my-exp-\d{8}-\d{6}\/model\.safetensors/);
    await rm(cwd, { recursive: true, force: true });
  });
});

describe('command line', () => {
  it('parses the three modes and overrides, and rejects conflicts', () => {
    expect(parseDashboardArgs([])).toEqual({ kind: 'train', plain: false, overrides: {} });
    expect(parseDashboardArgs(['--preset', 'xor', '--epochs', '5', '--lr', '0.1', '--out', 'm.safetensors'])).toEqual({ kind: 'train', preset: 'xor', plain: false, overrides: { epochs: 5, lr: 0.1 }, out: 'm.safetensors' });
    expect(parseDashboardArgs(['--follow', 'e.ndjson'])).toEqual({ kind: 'follow', path: 'e.ndjson', plain: false });
    expect(parseDashboardArgs(['--replay', 'e.ndjson', '--speed', 'max', '--plain'])).toEqual({ kind: 'replay', path: 'e.ndjson', speed: Infinity, plain: true });
    expect(() => parseDashboardArgs(['--preset', 'xor', '--follow', 'e.ndjson'])).toThrow(UsageError);
    expect(() => parseDashboardArgs(['--follow', 'e.ndjson', '--epochs', '3'])).toThrow('--epochs applies to training');
    expect(() => parseDashboardArgs(['--epochs', 'many'])).toThrow('--epochs: expected an integer ≥ 0, got "many"');
  });

  it('parses numeric flags strictly, as the runner does: decimal only, finite, in range, non-empty (#11 F12)', () => {
    for (const [flag, text, expected] of [
      ['--epochs', '', 'an integer ≥ 0'], ['--lr', '0x10', 'a number > 0'], ['--seed', '1e20', 'an integer in 0…4294967295'],
      ['--batch-size', '0', 'an integer ≥ 1'], ['--lr', 'Infinity', 'a number > 0'], ['--epochs', ' 3', 'an integer ≥ 0'],
    ] as const) {
      expect(() => parseDashboardArgs([flag, text])).toThrow(`${flag}: expected ${expected}, got "${text}"`);
    }
    expect(() => parseDashboardArgs(['--replay', 'e.ndjson', '--speed', '0'])).toThrow('--speed: expected a number > 0, got "0"');
    expect(parseDashboardArgs(['--seed', '4294967295', '--lr', '1e-3'])).toMatchObject({ kind: 'train', overrides: { seed: 4294967295, lr: 0.001 } });
    expect(() => parseDashboardArgs(['--nope'])).toThrow(UsageError);
  });

  it('prints runner-style plain lines', () => {
    expect(formatPlainLine(recorded[5])).toBe('epoch 1  train loss 1 (epoch mean)  validation loss 1.1 mse 1.1 r2 0.9  lr 0.01  100 ms');
    expect(formatPlainLine(recorded[1])).toBeNull();
    // Snapshots are per-epoch pictures, not lines.
    expect(formatPlainLine(boundarySnapshot(3))).toBeNull();
    expect(formatPlainLine(unitActivationsSnapshot(3))).toBeNull();
  });
});
