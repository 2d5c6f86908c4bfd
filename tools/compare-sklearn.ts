#!/usr/bin/env -S node --conditions=@clearprop/source --import tsx
// Compares clearprop with scikit-learn's MLPClassifier() (Debian's python3-sklearn) on iris, digits, wine and
// breast cancer: the same stratified 80/20 split files, 5 seeds each, mean test accuracy. Prints a Markdown table.
// Usage: ./tools/compare-sklearn.ts [--seeds 5] [--only iris,wine]     (docs/sklearn.md holds the latest result)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lastValueFrom } from 'rxjs';
import { buildExperiment, ofType, train } from '@clearprop/training';
import { csvFiles } from '@clearprop/training/node';
import { mlpClassifierConfig, PARITY_SETS, paritySplit, type ParitySet } from '@clearprop/training/testing';
import { toolArgs, UsageError } from './tool-args.ts';

const { seeds, names } = toolArgs({
  name: 'compare-sklearn',
  usage: 'usage: ./tools/compare-sklearn.ts [--seeds <n>] [--only iris,digits,wine,breastCancer] [-h | --help]',
  help: `clearprop vs scikit-learn's MLPClassifier() (Debian's python3-sklearn) on the same stratified 80/20 split files:
mean ± sd test accuracy over the seeds, as a Markdown table on stdout (docs/sklearn.md holds the latest result).
  --seeds <n>     seeds per data set (default 5)
  --only <list>   comma-separated data sets (default: all of ${Object.keys(PARITY_SETS).join(', ')})`,
  options: { seeds: { type: 'string' }, only: { type: 'string' } },
}, ({ values }) => {
  if (values.seeds !== undefined && !(/^\d+$/.test(values.seeds) && Number(values.seeds) >= 1)) throw new UsageError(`--seeds expects an integer ≥ 1, got "${values.seeds}"`);
  const only = values.only?.split(',') ?? Object.keys(PARITY_SETS);
  const unknown = only.filter((n) => !(n in PARITY_SETS));
  if (unknown.length > 0) throw new UsageError(`--only: unknown data set(s) ${unknown.join(', ')}; choose from ${Object.keys(PARITY_SETS).join(', ')}`);
  return { seeds: Number(values.seeds ?? 5), names: only as ParitySet[] };
});
const python = fileURLToPath(new URL('sklearn/mlp_baseline.py', import.meta.url));

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]) => Math.sqrt(xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / Math.max(xs.length - 1, 1));
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

/** clearprop's test accuracy for seeds 0…n−1 of the MLPClassifier-matching config. */
async function ours(files: { train: string; test: string }, split: ReturnType<typeof paritySplit>): Promise<number[]> {
  const accuracies: number[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const { spec } = buildExperiment(mlpClassifierConfig({ ...files, trainRows: split.trainRows, classes: split.classes, seed }), { readCsv: csvFiles() });
    const end = await lastValueFrom(train(spec, { batchEvents: false, finalMetrics: ['test'] }).pipe(ofType('runEnd')));
    accuracies.push(end.final.test?.accuracy ?? Number.NaN);
  }
  return accuracies;
}

function sklearnBaseline(files: { train: string; test: string }): { accuracy: number[]; epochs: number[]; sklearn: string } {
  const result = spawnSync('/usr/bin/python3', [python, files.train, files.test, String(seeds)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`mlp_baseline.py failed (is python3-sklearn installed?): ${result.stderr}`);
  return JSON.parse(result.stdout) as { accuracy: number[]; epochs: number[]; sklearn: string };
}

const dir = mkdtempSync(join(tmpdir(), 'clearprop-sklearn-'));
const rows: string[] = [];
let version = '';
try {
  for (const name of names) {
    const split = paritySplit(name);
    const files = { train: join(dir, `${name}-train.csv`), test: join(dir, `${name}-test.csv`) };
    writeFileSync(files.train, split.train);
    writeFileSync(files.test, split.test);
    const reference = sklearnBaseline(files);
    version = reference.sklearn;
    const mine = await ours(files, split);
    process.stderr.write(`${name}: sklearn ${reference.accuracy.map(pct).join(' ')} (epochs ${reference.epochs.join(' ')}); clearprop ${mine.map(pct).join(' ')}\n`);
    const verdict = mean(mine) >= mean(reference.accuracy) ? '≥' : '<';
    rows.push(`| ${name} | ${split.trainRows} / ${split.testRows} | ${split.classes} | ${pct(mean(reference.accuracy))} ± ${pct(sd(reference.accuracy))} | ${mean(reference.epochs).toFixed(0)} | ${pct(mean(mine))} ± ${pct(sd(mine))} | ${verdict} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write([
  `scikit-learn ${version} MLPClassifier() vs clearprop (mlpClassifierConfig), ${seeds} seeds, mean ± sd test accuracy`,
  '',
  '| data | train / test rows | classes | scikit-learn | sklearn epochs (mean) | clearprop | clearprop vs sklearn |',
  '|---|---|---|---|---|---|---|',
  ...rows,
  '',
].join('\n'));
