import { assertNever, type Metrics, type TrainingEvent } from '../events.ts';
import { plural } from './plural.ts';

type EpochEnd = Extract<TrainingEvent, { type: 'epochEnd' }>;

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

/**
 * One line per epoch (the total, when given, after a slash):
 * `epoch 12/200  train loss 0.12 (epoch mean)  validation loss 0.2 accuracy 0.95  lr 0.001  1.2 s`. The train loss is
 * the running mean over the epoch's batches, as the weights changed; it is labelled so, because the end-of-run
 * evaluation of the same training rows (runEnd's `final.train`) differs from it.
 */
export function formatEpochLine(event: EpochEnd, epochs?: number): string {
  const counter = epochs === undefined ? `epoch ${event.epoch + 1}` : `epoch ${String(event.epoch + 1).padStart(String(epochs).length)}/${epochs}`;
  const parts = [counter, `train loss ${formatNumber(event.trainLoss)} (epoch mean)`];
  if (event.validation) parts.push(`validation ${formatMetrics(event.validation)}`);
  parts.push(`lr ${formatNumber(event.learningRate)}`, formatDuration(event.elapsedMs));
  return parts.join('  ');
}

/** A human line for any event (the exhaustive switch makes a new event type a compile error here). */
export function formatEvent(event: TrainingEvent): string {
  switch (event.type) {
    case 'runStart':
      return `training ${event.name}: ${event.architecture} (${plural(event.parameterCount, 'parameter')}), ${event.task}, ` +
        `${plural(event.trainSize, 'train row')}, ${plural(event.validationSize, 'validation row')}, ` +
        `${plural(event.epochs, 'epoch')} × ${plural(event.batchesPerEpoch, 'batch', 'batches')} of ${event.batchSize}` +
        (event.startEpoch > 0 ? `, resuming at epoch ${event.startEpoch + 1}` : '');
    case 'epochStart': return `epoch ${event.epoch + 1} started`;
    case 'batchEnd': return `epoch ${event.epoch + 1} batch ${event.batch + 1} loss ${formatNumber(event.loss)}`;
    case 'layerStats': return `layer stats at step ${event.step}: ` + event.layers.map((l) => `L${l.layer} ‖∇W‖ ${formatNumber(l.gradNorm)}`).join(', ');
    case 'epochEnd': return formatEpochLine(event);
    case 'predictionSnapshot': return `prediction snapshot at epoch ${event.epoch + 1} (${event.x.length} points)`;
    case 'confusionMatrix': return `confusion matrix (${event.split}) at epoch ${event.epoch + 1}`;
    case 'control': return `${event.command} at epoch ${event.epoch + 1}, step ${event.step}`;
    case 'checkpoint': return `checkpoint written to ${event.path} (epoch ${event.epoch + 1}, step ${event.step})`;
    case 'earlyStop': return `early stop at epoch ${event.epoch + 1}: ${event.monitor} best ${formatNumber(event.best)} at epoch ${event.bestEpoch + 1}`;
    case 'restoredBest': return `restored the best weights (epoch ${event.bestEpoch + 1}, ${event.monitor} ${formatNumber(event.best)})`;
    case 'divergence': return `diverged at epoch ${event.epoch + 1}, step ${event.step}: ${event.message}`;
    case 'runEnd': return `run ${event.reason} after ${plural(event.epochs, 'epoch')} (${plural(event.steps, 'step')}) in ${formatDuration(event.elapsedMs)}`;
    default: return assertNever(event);
  }
}
