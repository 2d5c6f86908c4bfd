import { formatCompleted, formatDuration, formatEpochLine, formatEvent, formatMetrics, formatNumber, plural, type EndReason, type Metrics, type TrainingEvent } from '@clearprop/training';
import { plainStyle, type Style } from './style.ts';

// The event and number formatting is shared with the dashboard's --plain mode, so it lives in @clearprop/training.
export { formatDuration, formatEpochLine, formatEvent, formatMetrics, formatNumber };

/** What a finished `train` reports: printed as text, or as one JSON object with `--json`. */
export interface RunSummary {
  readonly name: string;
  readonly status: EndReason;
  readonly exitCode: number;
  readonly task: 'regression' | 'classification';
  /** Epochs completed. */
  readonly epochs: number;
  /** Batches done in an unfinished last epoch (0 when the run ended at an epoch boundary). */
  readonly batch: number;
  readonly steps: number;
  readonly elapsedMs: number;
  readonly final: { readonly train?: Metrics; readonly validation?: Metrics; readonly test?: Metrics };
  readonly outDir: string;
  /** The saved model, or null when none was written. */
  readonly model: string | null;
  /** Artifact name → path. */
  readonly artifacts: Readonly<Record<string, string>>;
  /** The checkpoint written on interrupt. */
  readonly checkpoint?: string;
  /** Where in the run it was written, e.g. `epoch 168 batch 12/50`. */
  readonly checkpointAt?: string;
  /** The divergence diagnosis, when the loss became NaN/∞. */
  readonly divergence?: string;
}

/** `[#########-----------]` for a fraction in [0, 1]. */
export function progressBar(fraction: number, width: number): string {
  const done = Math.round(Math.min(Math.max(fraction, 0), 1) * width);
  return `[${'#'.repeat(done)}${'-'.repeat(width - done)}]`;
}

/** Where a run is, for the one-line progress bar on a terminal. */
export interface ProgressState {
  /** The epoch in progress, 1-based. */
  readonly epoch: number;
  readonly epochs: number;
  readonly batch: number;
  readonly batchesPerEpoch: number;
  /** The running mean of the epoch's batch losses so far (what the epoch line reports when the epoch ends). */
  readonly loss: number;
  readonly elapsedMs: number;
  /** Time left at the recent pace; null while unknown. */
  readonly etaMs: number | null;
}

// The widest a field can print: formatNumber of a loss (0.001234), formatDuration (59m 59s, 10h 00m).
const LOSS_WIDTH = 8;
const DURATION_WIDTH = 7;
const BAR_MIN = 10;
const BAR_MAX = 30;

/** The widest text after the bar for a run of `epochs` epochs: the bar is sized for it, so it never jitters. */
function progressTextWidth(epochs: number): number {
  const digits = String(epochs).length;
  return ' epoch '.length + 2 * digits + 1 + ' 100%'.length + '  mean loss '.length + LOSS_WIDTH + 2 + DURATION_WIDTH + ', eta '.length + DURATION_WIDTH;
}

/**
 * The terminal progress line: bar, epoch, percent, the epoch's mean loss so far, elapsed and remaining time. The
 * bar's width depends only on `columns` and the number of epochs (room for the widest text), so it stays put while
 * the numbers change; the line fits in `columns − 1`.
 */
export function formatProgress(p: ProgressState, columns: number): string {
  const total = Math.max(p.epochs * p.batchesPerEpoch, 1);
  const fraction = Math.min(((p.epoch - 1) * p.batchesPerEpoch + p.batch) / total, 1);
  const text = ` epoch ${p.epoch}/${p.epochs} ${Math.floor(fraction * 100)}%  mean loss ${formatNumber(p.loss)}  ${formatDuration(p.elapsedMs)}` +
    `, eta ${p.etaMs === null ? '–' : formatDuration(p.etaMs)}`;
  const barWidth = Math.max(BAR_MIN, Math.min(BAR_MAX, columns - 1 - 2 - progressTextWidth(p.epochs)));
  return (progressBar(fraction, barWidth) + text).slice(0, Math.max(columns - 1, 20));
}

/**
 * The human summary printed at the end of `train`. The metrics are an evaluation of each split with the final
 * weights, so the train loss differs from the last epoch line's, which is a mean over that epoch's batches.
 */
export function formatSummary(s: RunSummary, style: Style = plainStyle): string {
  const status = s.exitCode === 0 ? style.green(s.status) : style.red(s.status);
  const lines = [`${style.bold(s.name)}: ${status} after ${formatCompleted(s.epochs, s.batch)} (${plural(s.steps, 'step')}) in ${formatDuration(s.elapsedMs)}`];
  const splits = (['train', 'validation', 'test'] as const).filter((split) => s.final[split]);
  if (splits.length > 0) lines.push('  final weights, evaluated on');
  for (const split of splits) lines.push(`    ${split.padEnd(10)} ${formatMetrics(s.final[split] as Metrics)}`);
  if (s.divergence) lines.push(`  ${style.red('divergence')}: ${s.divergence}`);
  if (s.model) lines.push(`  model      ${s.model}`);
  lines.push(`  outputs    ${s.outDir}`);
  if (s.checkpoint) lines.push(`  checkpoint ${s.checkpoint}${s.checkpointAt ? ` (${s.checkpointAt})` : ''}`, `  resume with: clearprop train --resume ${s.checkpoint}`);
  return lines.join('\n') + '\n';
}

/**
 * The `--json` summary: the summary plus top-level `accuracy`, `precision`, `recall`, `f1`, `auc` (macro;
 * classification) or `mse`/`r2` (regression) from the most held-out split available.
 */
export function summaryJson(s: RunSummary): string {
  const headline = s.final.test ?? s.final.validation ?? s.final.train;
  const extra = headline === undefined
    ? {}
    : s.task === 'classification'
      ? { accuracy: headline.accuracy, precision: headline.precision, recall: headline.recall, f1: headline.f1, auc: headline.auc }
      : { mse: headline.mse, r2: headline.r2 };
  return JSON.stringify({ ...s, loss: headline?.loss, ...extra }) + '\n';
}

/** One NDJSON line for an event (`params` on runEnd is non-enumerable, so it is not serialised). */
export function eventJson(event: TrainingEvent): string {
  return JSON.stringify(event) + '\n';
}
