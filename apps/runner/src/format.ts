import { assertNever, type EndReason, type Metrics, type TrainingEvent } from '@clearprop/training';
import { plainStyle, type Style } from './style.ts';

type EpochEnd = Extract<TrainingEvent, { type: 'epochEnd' }>;

/** What a finished `train` reports: printed as text, or as one JSON object with `--json`. */
export interface RunSummary {
  readonly name: string;
  readonly status: EndReason;
  readonly exitCode: number;
  readonly task: 'regression' | 'classification';
  readonly epochs: number;
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
  /** The divergence diagnosis, when the loss became NaN/∞. */
  readonly divergence?: string;
}

/** A number in at most 4 significant digits; exponent form outside [1e-3, 1e4). `NaN` and `±∞` spelled out. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e4)) return x.toExponential(2).replace('e+', 'e');
  return String(Number(x.toPrecision(4)));
}

/** A duration for people: `850 ms`, `12.3 s`, `2m 05s`, `1h 02m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** `loss 0.1234 accuracy 0.9667` (classification) or `loss 0.01 mse 0.01 r2 0.98` (regression). */
export function formatMetrics(m: Metrics): string {
  const parts = [`loss ${formatNumber(m.loss)}`];
  if (m.accuracy !== undefined) parts.push(`accuracy ${formatNumber(m.accuracy)}`);
  if (m.mse !== undefined) parts.push(`mse ${formatNumber(m.mse)}`);
  if (m.r2 !== undefined) parts.push(`r2 ${formatNumber(m.r2)}`);
  return parts.join(' ');
}

/** One line per epoch: `epoch 12/200  train loss 0.12  validation loss 0.2 accuracy 0.95  lr 0.001  1.2 s`. */
export function formatEpochLine(event: EpochEnd, epochs: number): string {
  const width = String(epochs).length;
  const parts = [`epoch ${String(event.epoch + 1).padStart(width)}/${epochs}`, `train loss ${formatNumber(event.trainLoss)}`];
  if (event.validation) parts.push(`validation ${formatMetrics(event.validation)}`);
  parts.push(`lr ${formatNumber(event.learningRate)}`, formatDuration(event.elapsedMs));
  return parts.join('  ');
}

/** A human line for any event (the exhaustive switch makes a new event type a compile error here). */
export function formatEvent(event: TrainingEvent): string {
  switch (event.type) {
    case 'runStart':
      return `training ${event.name}: ${event.architecture} (${event.parameterCount} parameters), ${event.task}, ` +
        `${event.trainSize} train / ${event.validationSize} validation rows, ${event.epochs} epochs × ${event.batchesPerEpoch} batches of ${event.batchSize}` +
        (event.startEpoch > 0 ? `, resuming at epoch ${event.startEpoch + 1}` : '');
    case 'epochStart': return `epoch ${event.epoch + 1} started`;
    case 'batchEnd': return `epoch ${event.epoch + 1} batch ${event.batch + 1} loss ${formatNumber(event.loss)}`;
    case 'layerStats': return `layer stats at step ${event.step}: ` + event.layers.map((l) => `L${l.layer} ‖∇W‖ ${formatNumber(l.gradNorm)}`).join(', ');
    case 'epochEnd': return formatEpochLine(event, event.epoch + 1);
    case 'predictionSnapshot': return `prediction snapshot at epoch ${event.epoch + 1} (${event.x.length} points)`;
    case 'confusionMatrix': return `confusion matrix (${event.split}) at epoch ${event.epoch + 1}`;
    case 'control': return `${event.command} at epoch ${event.epoch + 1}, step ${event.step}`;
    case 'checkpoint': return `checkpoint written to ${event.path} (epoch ${event.epoch + 1}, step ${event.step})`;
    case 'earlyStop': return `early stop at epoch ${event.epoch + 1}: ${event.monitor} best ${formatNumber(event.best)} at epoch ${event.bestEpoch + 1}`;
    case 'restoredBest': return `restored the best weights (epoch ${event.bestEpoch + 1}, ${event.monitor} ${formatNumber(event.best)})`;
    case 'divergence': return `diverged at epoch ${event.epoch + 1}, step ${event.step}: ${event.message}`;
    case 'runEnd': return `run ${event.reason} after ${event.epochs} epochs (${event.steps} steps) in ${formatDuration(event.elapsedMs)}`;
    default: return assertNever(event);
  }
}

/** `[#########-----------]` for a fraction in [0, 1]. */
export function progressBar(fraction: number, width: number): string {
  const done = Math.round(Math.min(Math.max(fraction, 0), 1) * width);
  return `[${'#'.repeat(done)}${'-'.repeat(width - done)}]`;
}

/** Where a run is, for the one-line progress bar on a terminal. */
export interface ProgressState {
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
  const fraction = Math.min((p.epoch * p.batchesPerEpoch + p.batch) / total, 1);
  const eta = fraction > 0 ? (p.elapsedMs / fraction) * (1 - fraction) : Number.NaN;
  const text = ` epoch ${p.epoch + 1}/${p.epochs} ${Math.floor(fraction * 100)}%  loss ${formatNumber(p.loss)}  ${formatDuration(p.elapsedMs)}` +
    (Number.isFinite(eta) ? ` (eta ${formatDuration(eta)})` : '');
  const barWidth = Math.max(10, Math.min(30, columns - text.length - 3));
  return (progressBar(fraction, barWidth) + text).slice(0, Math.max(columns - 1, 20));
}

/** The human summary printed at the end of `train`. */
export function formatSummary(s: RunSummary, style: Style = plainStyle): string {
  const status = s.exitCode === 0 ? style.green(s.status) : style.red(s.status);
  const lines = [`${style.bold(s.name)}: ${status} after ${s.epochs} epochs (${s.steps} steps) in ${formatDuration(s.elapsedMs)}`];
  for (const split of ['train', 'validation', 'test'] as const) {
    const m = s.final[split];
    if (m) lines.push(`  ${split.padEnd(10)} ${formatMetrics(m)}`);
  }
  if (s.divergence) lines.push(`  ${style.red('divergence')}: ${s.divergence}`);
  if (s.model) lines.push(`  model      ${s.model}`);
  lines.push(`  outputs    ${s.outDir}`);
  if (s.checkpoint) lines.push(`  checkpoint ${s.checkpoint}`, `  resume with: clearprop train --resume ${s.checkpoint}`);
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
