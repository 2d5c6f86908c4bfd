import { afterAll, describe, expect, it } from '@jest/globals';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, filter, lastValueFrom, toArray } from 'rxjs';
import type { TrainingEvent } from '@clearprop/training';
import { parseDashboardArgs, UsageError } from '../cli/args.ts';
import { formatPlainLine } from '../cli/plain.ts';
import { epoch, runStart } from '../testing/events.ts';
import { followSource } from './follow-source.ts';
import { parseEventLine, splitLines } from './ndjson.ts';
import { readEventFile, replaySource } from './replay-source.ts';
import { runDirectory } from './run-files.ts';
import { timeline } from './timeline.ts';

const directory = await mkdtemp(join(tmpdir(), 'clearprop-dashboard-'));
afterAll(() => rm(directory, { recursive: true, force: true }));
const runEnd: TrainingEvent = { type: 'runEnd', reason: 'completed', epochs: 2, steps: 4, bestEpoch: null, final: {}, elapsedMs: 200 };
const recorded: TrainingEvent[] = [runStart({ epochs: 2 }), ...epoch(0, 1), ...epoch(1, 0.5), runEnd];
const ndjson = (events: readonly TrainingEvent[]) => events.map((e) => `${JSON.stringify(e)}\n`).join('');

describe('NDJSON and timeline', () => {
  it('splits complete lines and keeps the unfinished rest; skips lines that are not events', () => {
    expect(splitLines('{"a":1}\n\n{"b"')).toEqual({ lines: ['{"a":1}'], rest: '{"b"' });
    expect(parseEventLine('{"type":"epochStart","epoch":0}')).toEqual({ type: 'epochStart', epoch: 0 });
    expect([parseEventLine('saving model…'), parseEventLine('{"epoch":0}')]).toEqual([null, null]);
  });

  it('times events by the elapsedMs of epochEnd/runEnd, spreading the ones in between evenly', () => {
    expect(timeline(recorded).map(Math.round)).toEqual([17, 33, 50, 67, 83, 100, 120, 140, 160, 180, 200, 200]);
  });
});

describe('followSource', () => {
  it('tails a file as a runner appends to it and stops at runEnd', async () => {
    const path = join(directory, 'follow.ndjson');
    const source = followSource(path, { pollMs: 10 });
    const all = lastValueFrom(source.events$.pipe(toArray()));
    const firstEpoch = firstValueFrom(source.events$.pipe(filter((e) => e.type === 'epochEnd')));
    const text = ndjson(recorded);
    await writeFile(path, text.slice(0, text.indexOf('epochStart') + 30)); // half a line: must wait for the rest
    await appendFile(path, text.slice(text.indexOf('epochStart') + 30));
    expect(await firstEpoch).toMatchObject({ type: 'epochEnd', epoch: 0 });
    const events = (await all).filter((e) => e.type !== 'app');
    expect(events).toEqual(recorded);
  });
});

describe('replaySource', () => {
  it('plays a recorded file back in order, faster with speed, and reports speed changes', async () => {
    const path = join(directory, 'replay.ndjson');
    await writeFile(path, `not an event\n${ndjson(recorded)}`);
    const events = await readEventFile(path);
    expect(events).toEqual(recorded);
    const source = replaySource(events, { speed: 100, tickMs: 5 });
    const played = lastValueFrom(source.events$.pipe(toArray()));
    source.send({ type: 'setSpeed', speed: 1000 });
    const out = await played;
    expect(out.filter((e) => e.type !== 'app')).toEqual(recorded);
    expect(out.filter((e) => e.type === 'app').map((e) => e.type === 'app' && e.speed)).toContain(1000);
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
    expect(() => parseDashboardArgs(['--epochs', 'many'])).toThrow('--epochs expects an integer');
    expect(() => parseDashboardArgs(['--nope'])).toThrow(UsageError);
  });

  it('names run folders like the runner and prints runner-style plain lines', () => {
    expect(runDirectory('sin wave', new Date(Date.UTC(2025, 0, 2, 3, 4, 5)))).toBe(join('runs', 'sin-wave-20250102-030405'));
    expect(formatPlainLine(recorded[5])).toBe('epoch 1  train loss 1 (epoch mean)  validation loss 1.1 mse 1.1 r2 0.9  lr 0.01  100 ms');
    expect(formatPlainLine(recorded[1])).toBeNull();
  });
});
