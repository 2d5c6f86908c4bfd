// Test fixtures for the export tests: the exporters' model table saved as real model files, a feature CSV, and
// readers for what `clearprop predict` writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SavedModel } from '@clearprop/training';
import { saveModel } from '@clearprop/training/node';
import { exportCases, exportRows, type ExportCase } from '@clearprop/training/testing';
import { runCli } from '../src/cli.ts';
import { fakeIo } from './fake-io.ts';

/** Debian's python3 (with python3-onnx, installed by .ci/run), not whatever a version manager puts first. */
export const PYTHON = '/usr/bin/python3';

/** The rows every export is checked on. */
export const ROWS = exportRows(20);

const csvCell = (text: string): string => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** Writes `data.csv` (feature columns only, named as the models' training columns) and returns its path. */
export function writeFeatureCsv(dir: string, featureNames: readonly string[]): string {
  const path = join(dir, 'data.csv');
  writeFileSync(path, [featureNames.map(csvCell).join(','), ...ROWS.map((row) => row.join(','))].join('\n') + '\n');
  return path;
}

/** Saves every export case as `<name>.safetensors` in `dir`. */
export async function saveCases(dir: string): Promise<readonly ExportCase[]> {
  const cases = exportCases();
  await Promise.all(cases.map((c) => saveModel(join(dir, `${c.name}.safetensors`), c.saved)));
  return cases;
}

/** The model's training feature names, as `clearprop train` stores them. */
export function featureNamesOf(saved: SavedModel): string[] {
  return JSON.parse(saved.extra?.dataset ?? '{}').featureNames;
}

/** Runs the CLI in-process in `dir`; fails the test with stderr unless it exits 0. */
export async function run(dir: string, args: readonly string[]): Promise<void> {
  const io = fakeIo(dir);
  const code = await runCli(args, io);
  if (code !== 0) throw new Error(`clearprop ${args.join(' ')} exited ${code}: ${io.err()}`);
}

/** A predictions CSV read back: the `predicted` labels (classification) and the output numbers, exactly. */
export interface PredictionsCsv {
  readonly labels?: readonly string[];
  readonly outputs: readonly (readonly number[])[];
}

/** Reads what `clearprop predict --out` wrote (labels contain no commas in these fixtures). */
export function readPredictions(path: string): PredictionsCsv {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cells = lines.map((line) => line.split(','));
  if (!header.startsWith('predicted,')) return { outputs: cells.map((row) => row.map(Number)) };
  return { labels: cells.map((row) => row[0]), outputs: cells.map((row) => row.slice(1).map(Number)) };
}
