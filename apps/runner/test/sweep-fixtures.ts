// Small sweep files for the sweep tests: iris for a few epochs, so a trial takes well under a second.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNdjson } from './cli-harness.ts';

/** An iris experiment small enough for many trials: 4-8-3, 6 epochs, 20% validation and 20% test. */
export const IRIS_BASE = {
  data: { builtin: 'iris', standardize: true, testSplit: 0.2, validationSplit: 0.2 },
  model: { layers: [{ units: 8, activation: 'relu' }, { units: 3, activation: 'softmax' }] },
  loss: 'softmaxCrossEntropy', optimizer: { name: 'adam', lr: 0.01 }, batchSize: 16, epochs: 6, seed: 1,
};

/** Writes `<dir>/<name>` (JSON) with the iris base inline unless the sweep sets its own; returns the path. */
export function writeSweep(dir: string, sweep: Record<string, unknown>, name = 'sweep.json'): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ base: IRIS_BASE, ...sweep }, null, 2));
  return path;
}

/** trials.csv without its duration_ms column (the one column allowed to differ between identical sweeps). */
export function trialsWithoutDurations(sweepDir: string): string {
  const lines = readFileSync(join(sweepDir, 'trials.csv'), 'utf8').trim().split('\n');
  const at = lines[0].split(',').indexOf('duration_ms');
  if (at < 0) throw new Error('trials.csv has no duration_ms column');
  // duration_ms is the last column and never quoted, so cutting after the last comma is exact.
  return lines.map((line) => line.slice(0, line.lastIndexOf(','))).join('\n');
}

/** The sweep events of a sweep folder. */
export function sweepEvents(sweepDir: string): Record<string, unknown>[] {
  return parseNdjson(readFileSync(join(sweepDir, 'sweep.ndjson'), 'utf8'));
}
