import { formatCompleted, formatDuration, formatEpochLine, formatEvent, formatMetrics, formatNumber, type EndReason, type Metrics, type TrainingEvent } from '@clearprop/training';
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
  readonly loss: number;
  readonly elapsedMs: number;
}

/** The terminal progress line: bar, epoch, percent, last loss, elapsed and remaining time; fits in `columns`. */
export function formatProgress(p: ProgressState, columns: number): string {
  const total = Math.max(p.epochs * p.batchesPerEpoch, 1);
  const fraction = Math.min(((p.epoch - 1) * p.batchesPerEpoch + p.batch) / total, 1);
  const eta = fraction > 0 ? (p.elapsedMs / fraction) * (1 - fraction) : Number.NaN;
  const text = ` epoch ${p.epoch}/${p.epochs} ${Math.floor(fraction * 100)}%  loss ${formatNumber(p.loss)}  ${formatDuration(p.elapsedMs)}` +
    (Number.isFinite(eta) ? ` (eta ${formatDuration(eta)})` : '');
  const barWidth = Math.max(10, Math.min(30, columns - text.length - 3));
  return (progressBar(fraction, barWidth) + text).slice(0, Math.max(columns - 1, 20));
}

/** The human summary printed at the end of `train`. */
export function formatSummary(s: RunSummary, style: Style = plainStyle): string {
  const status = s.exitCode === 0 ? style.green(s.status) : style.red(s.status);
  const lines = [`${style.bold(s.name)}: ${status} after ${formatCompleted(s.epochs, s.batch)} (${s.steps} steps) in ${formatDuration(s.elapsedMs)}`];
  for (const split of ['train', 'validation', 'test'] as const) {
    const m = s.final[split];
    if (m) lines.push(`  ${split.padEnd(10)} ${formatMetrics(m)}`);
  }
  if (s.divergence) lines.push(`  ${style.red('divergence')}: ${s.divergence}`);
  if (s.model) lines.push(`  model      ${s.model}`);
  lines.push(`  outputs    ${s.outDir}`);
  if (s.checkpoint) lines.push(`  checkpoint ${s.checkpoint}${s.checkpointAt ? ` (${s.checkpointAt})` : ''}`, `  resume with: clearprop train --resume ${s.checkpoint}`);
  return lines.join('\n') + '\n';
}

/** The `--json` summary: the summary plus a top-level `accuracy` (classification) or `mse`/`r2` from the best split available. */
export function summaryJson(s: RunSummary): string {
  const headline = s.final.test ?? s.final.validation ?? s.final.train;
  const extra = headline === undefined ? {} : s.task === 'classification' ? { accuracy: headline.accuracy } : { mse: headline.mse, r2: headline.r2 };
  return JSON.stringify({ ...s, loss: headline?.loss, ...extra }) + '\n';
}

/** One NDJSON line for an event (`params` on runEnd is non-enumerable, so it is not serialised). */
export function eventJson(event: TrainingEvent): string {
  return JSON.stringify(event) + '\n';
}
