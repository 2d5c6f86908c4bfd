import { join, resolve } from 'node:path';
import { formatDuration, formatNumber, metricKeys, trialConfig, type ExperimentConfig, type TrialResult } from '@clearprop/training';
import { defaultOutDir, prepareOutDir, resolveExperiment, writeFileAtomic } from '@clearprop/training/node';
import { runTrial } from '@clearprop/training/sweep';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.ts';
import { sourceOf } from '../experiment-flags.ts';
import type { CliIo } from '../io.ts';
import type { TrainFlags } from './train.ts';

/**
 * `clearprop train --cv k`: k-fold cross-validation of one experiment. The rows left after the test split are cut
 * into k folds (stratified for classification); each fold validates a run trained on the others, all k runs at
 * once on this thread, each with its own run folder `fold-<i>` under the output folder. Prints every fold's final
 * metrics and their mean ± std (population), writes cv.json. Exit 1 if a fold failed, 3 if one diverged.
 */
export async function crossValidateCommand(flags: TrainFlags & { readonly cv: number }, io: CliIo): Promise<ExitCode> {
  for (const [flag, value] of [['--resume', flags.resume], ['--init', flags.init], ['--out', flags.out], ['--events', flags.events]] as const) {
    if (value !== undefined) throw new UsageError(`--cv runs ${flags.cv} separate folds; ${flag} cannot be combined with it`);
  }
  const { config } = await resolveExperiment(sourceOf(flags), io.cwd);
  const name = `${config.name ?? 'experiment'}-cv${flags.cv}`;
  const base: ExperimentConfig = { ...config, name };
  const configs = Array.from({ length: flags.cv }, (_, i) => trialConfig({ base, name }, { trial: 1, params: {} }, { index: i + 1, count: flags.cv }));
  // Every fold's data is checked before any folder is made (a fold count above the row count fails here).
  for (const experiment of configs) await resolveExperiment({ experiment }, io.cwd);
  const outDir = prepareOutDir(flags.outDir !== undefined ? resolve(io.cwd, flags.outDir) : defaultOutDir(resolve(io.cwd, 'runs'), name, io.wallClock()), { explicit: flags.outDir !== undefined });
  const say = (text: string) => void (flags.quiet ? undefined : io.stderr.write(`${text}\n`));
  say(`outputs: ${outDir}`);
  const dropped = config.data.validationSplit !== undefined || config.data.validation !== undefined ? ' (instead of its validation split)' : '';
  say(`${config.name}: ${flags.cv}-fold cross-validation${configs[0].data.stratify === false ? '' : ', stratified for classification'}${dropped}, ${config.epochs} epochs per fold`);
  const result = await runTrial(
    { plan: { trial: 1, params: {} }, configs: configs.map((c, i) => ({ ...c, name: `${name}-fold-${i + 1}` })), objective: { split: 'validation', metric: 'loss', mode: 'min' }, rungs: [], outDir },
    { now: io.now, onEpoch: () => undefined, decide: async () => ({ promote: true }) },
  );
  const summary = { name: config.name, folds: flags.cv, outDir, status: result.status, perFold: result.folds, mean: result.metrics, std: result.std ?? {}, elapsedMs: result.durationMs };
  await writeFileAtomic(join(outDir, 'cv.json'), new TextEncoder().encode(`${JSON.stringify(summary, null, 2)}\n`));
  const exitCode = result.status === 'failed' ? EXIT.badInput : result.status === 'diverged' ? EXIT.numeric : EXIT.ok;
  if (flags.json) io.stdout.write(`${JSON.stringify({ ...summary, exitCode, cvJson: join(outDir, 'cv.json') })}\n`);
  else io.stdout.write(formatFolds(result, config.name ?? name));
  for (const fold of result.folds) if (fold.reason) io.stderr.write(`${fold.status === 'failed' ? 'error' : 'warning'}: fold ${fold.fold}: ${fold.reason}\n`);
  return exitCode;
}

/** The folds as a table (one column per final metric) and a `mean ± std` line per metric. */
export function formatFolds(result: TrialResult, name: string): string {
  const keys = metricKeys([result]);
  const header = ['fold', 'epochs', 'status', ...keys];
  const rows = result.folds.map((f) => [String(f.fold), String(f.epochs), f.status, ...keys.map((k) => (f.metrics[k] === undefined ? '–' : formatNumber(f.metrics[k])))]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) => `  ${cells.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()}`;
  const means = keys.map((k) => `  ${k.padEnd(Math.max(...keys.map((key) => key.length)))}  ${formatNumber(result.metrics[k])} ± ${formatNumber(result.std?.[k] ?? 0)}`);
  return [`${name}: ${result.folds.length}-fold cross-validation in ${formatDuration(result.durationMs)}`, line(header), ...rows.map(line), '  mean ± std over folds:', ...means, ''].join('\n');
}
