import { join, resolve } from 'node:path';
import { formatNumber, plural, type LrFinderOptions, type LrSuggestionRule } from '@clearprop/training';
import { defaultOutDir, prepareOutDir, writeError, writeFileAtomic } from '@clearprop/training/node';
import { lrFindChartSpec } from '../charts/lr-find-chart.ts';
import { renderSvg } from '../charts/render-svg.ts';
import { EXIT, InputError, type ExitCode } from '../exit-codes.ts';
import { sourceOf, type ExperimentFlags } from '../experiment-flags.ts';
import type { CliIo } from '../io.ts';
import { kernelsFor, type KernelChoice } from '../kernels.ts';
import { lrPlot } from '../lr-find/plot.ts';
import { sweepExperiment, type LrFindOutcome } from '../lr-find/sweep.ts';

/** Flags of `clearprop lr-find`. */
export interface LrFindFlags extends ExperimentFlags {
  readonly min: number;
  readonly max: number;
  readonly steps: number;
  /** How the rate is picked. @defaultValue 'valley' */
  readonly suggest?: LrSuggestionRule;
  readonly outDir?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly kernels?: KernelChoice;
}

/** Batches a sweep may take at most (the valley search is quadratic in them). */
export const MAX_STEPS = 10_000;

/** Checks the sweep flags, naming the flag: rates positive and finite, --min below --max, --steps an integer in 5…MAX_STEPS. */
export function sweepSettings(flags: Pick<LrFindFlags, 'min' | 'max' | 'steps'>): Required<LrFinderOptions> {
  for (const [flag, value] of [['--min', flags.min], ['--max', flags.max]] as const) {
    if (!(value > 0) || !Number.isFinite(value)) throw new InputError(`${flag} ${value}: a learning rate must be a positive number`);
  }
  if (flags.min >= flags.max) throw new InputError(`--min ${flags.min} must be below --max ${flags.max}: the sweep runs from --min up to --max`);
  if (!Number.isInteger(flags.steps) || flags.steps < 5 || flags.steps > MAX_STEPS) {
    throw new InputError(`--steps ${flags.steps}: the sweep needs a whole number of batches from 5 to ${MAX_STEPS}`);
  }
  return { min: flags.min, max: flags.max, steps: flags.steps, divergeFactor: 4, beta: 0.98 };
}

/**
 * `clearprop lr-find`: the learning-rate range test on an experiment (see sweepExperiment), a text plot on stderr,
 * lr-find.svg in the output folder, and what it saw on stdout (one JSON object with --json). The model is not saved.
 */
export async function lrFindCommand(flags: LrFindFlags, io: CliIo): Promise<ExitCode> {
  const settings = sweepSettings(flags);
  const kernels = kernelsFor(flags.kernels);
  const say = (text: string) => void (flags.quiet ? undefined : io.stderr.write(`${text}\n`));
  say(`lr-find: ${plural(settings.steps, 'batch', 'batches')}, learning rate ${formatNumber(settings.min)} → ${formatNumber(settings.max)} (exponential; the config's schedule and warm-up are off)`);
  const outcome = await sweepExperiment(sourceOf(flags), io.cwd, { ...settings, rule: flags.suggest ?? 'valley' }, kernels);
  const outDir = flags.outDir !== undefined
    ? prepareOutDir(resolve(io.cwd, flags.outDir), { explicit: true })
    : prepareOutDir(defaultOutDir(resolve(io.cwd, 'runs'), `${outcome.name}-lr-find`, io.wallClock()), { explicit: false });
  const chart = join(outDir, 'lr-find.svg');
  const svg = await renderSvg(lrFindChartSpec(outcome.points, outcome.suggestedLr, `${outcome.name}: learning-rate sweep (${outcome.optimizer}, batch ${outcome.batchSize})`));
  await writeFileAtomic(chart, new TextEncoder().encode(svg)).catch((error: unknown) => Promise.reject(writeError(chart, error)));
  say(`\n${outcome.name}: smoothed loss by learning rate\n${lrPlot(outcome.points, outcome.suggestedLr).join('\n')}\n`);
  io.stdout.write(flags.json ? `${JSON.stringify(lrFindJson(outcome, settings, chart))}\n` : `${describeOutcome(outcome, settings).join('\n')}\n  chart      ${chart}\n`);
  return EXIT.ok;
}

/** What the sweep saw, in a few lines: where and why it stopped, the lowest loss, the suggestion or why there is none. */
export function describeOutcome(o: LrFindOutcome, settings: Required<LrFinderOptions>): string[] {
  const last = o.points.at(-1);
  const n = plural(o.points.length, 'batch', 'batches');
  const stopped = o.end === 'nonFinite'
    ? `stopped after ${n}: the loss became NaN or infinite${o.nonFiniteAt === null ? '' : ` at learning rate ${formatNumber(o.nonFiniteAt)}`}`
    : o.end === 'exploded'
      ? `stopped after ${n} at learning rate ${formatNumber(last?.lr ?? NaN)}: the smoothed loss (${formatNumber(last?.smoothed ?? NaN)}) passed ${settings.divergeFactor}× its minimum`
      : `ran all ${n}, up to learning rate ${formatNumber(last?.lr ?? settings.max)}, without the loss blowing up`;
  const lines = [`${o.name}: ${stopped}`];
  if (o.points.length > 0) lines.push(`  lowest smoothed loss ${formatNumber(o.minLoss)} at learning rate ${formatNumber(o.minLossLr)} (first batch: ${formatNumber(o.points[0].loss)})`);
  if (o.suggestedLr !== null) {
    const how = o.rule === 'valley'
      ? `halfway down the longest descent of the smoothed loss; its steepest descent is at ${formatNumber(o.steepestLr ?? NaN)}`
      : `the steepest descent of the smoothed loss; halfway down its longest descent is ${formatNumber(o.valleyLr ?? NaN)}`;
    lines.push(`  suggested learning rate ${formatNumber(o.suggestedLr)} (${how})`);
  }
  else lines.push(`  no suggestion: ${o.noSuggestion}; the loss did not respond to any rate from ${formatNumber(settings.min)} to ${formatNumber(settings.max)} — check the input scaling and the initialisation (saturated or dead units learn slowly at every rate)`);
  if (o.end === 'completed') lines.push(`  the loss never blew up, even at ${formatNumber(settings.max)}: the range may end too low (raise --max), or the network barely responds to its weights (saturated units)`);
  lines.push(`  the model was not saved: lr-find only measures${o.suggestedLr === null ? '' : ` (train with --lr ${formatNumber(o.suggestedLr)})`}`);
  return lines;
}

function lrFindJson(o: LrFindOutcome, settings: Required<LrFinderOptions>, chart: string) {
  return {
    name: o.name, suggestedLr: o.suggestedLr, rule: o.rule, steepestLr: o.steepestLr, valleyLr: o.valleyLr, noSuggestion: o.noSuggestion, end: o.end, nonFiniteAt: o.nonFiniteAt,
    minLoss: o.minLoss, minLossLr: o.minLossLr, min: settings.min, max: settings.max, steps: settings.steps, batches: o.points.length,
    optimizer: o.optimizer, batchSize: o.batchSize, chart, modelSaved: false, curve: o.points,
  };
}
