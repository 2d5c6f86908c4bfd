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

/**
 * `loss 0.1234 accuracy 0.9667 f1 0.9655 auc 0.998` (classification: F1 macro) or `loss 0.01 mse 0.01 r2 0.98`
 * (regression); `(unweighted 0.2)` after a weighted loss and `+ penalty 0.003` after a penalized one.
 */
export function formatMetrics(m: Metrics): string {
  const parts = [`loss ${formatNumber(m.loss)}`];
  if (m.unweightedLoss !== undefined) parts.push(`(unweighted ${formatNumber(m.unweightedLoss)})`);
  if (m.penalty !== undefined) parts.push(`+ penalty ${formatNumber(m.penalty)}`);
  if (m.accuracy !== undefined) parts.push(`accuracy ${formatNumber(m.accuracy)}`);
  if (m.f1 !== undefined) parts.push(`f1 ${formatNumber(m.f1)}`);
  if (m.auc !== undefined) parts.push(`auc ${formatNumber(m.auc)}`);
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
  const counter = epochs === undefined ? `epoch ${event.epoch}` : `epoch ${String(event.epoch).padStart(String(epochs).length)}/${epochs}`;
  const parts = [counter, `train loss ${formatNumber(event.trainLoss)} (epoch mean)${event.train.penalty === undefined ? '' : ` + penalty ${formatNumber(event.train.penalty)}`}`];
  if (event.validation) parts.push(`validation ${formatMetrics(event.validation)}`);
  parts.push(`lr ${formatNumber(event.learningRate)}`, formatDuration(event.elapsedMs));
  return parts.join('  ');
}

/** A position between batches: `epoch 168 batch 12` inside an epoch, `end of epoch 167` at a boundary. */
export function formatPosition(p: { readonly epoch: number; readonly batch: number }, batchesPerEpoch?: number): string {
  if (p.batch === 0) return p.epoch === 0 ? 'the start' : `end of epoch ${p.epoch}`;
  if (batchesPerEpoch !== undefined && p.batch >= batchesPerEpoch) return `end of epoch ${p.epoch}`;
  return `epoch ${p.epoch} batch ${p.batch}${batchesPerEpoch === undefined ? '' : `/${batchesPerEpoch}`}`;
}

/** How far a run got: `167 epochs`, or `167 epochs + 12 batches` when it ended inside an epoch. */
export function formatCompleted(epochs: number, batch: number): string {
  const whole = plural(epochs, 'epoch');
  return batch > 0 ? `${whole} + ${plural(batch, 'batch', 'batches')}` : whole;
}

/** A human line for any event (the exhaustive switch makes a new event type a compile error here). */
export function formatEvent(event: TrainingEvent): string {
  switch (event.type) {
    case 'runStart':
      return `training ${event.name}: ${event.architecture} (${plural(event.parameterCount, 'parameter')}), ${event.task}, ` +
        `${plural(event.trainSize, 'train row')}, ${plural(event.validationSize, 'validation row')}, ` +
        `${plural(event.epochs, 'epoch')} × ${plural(event.batchesPerEpoch, 'batch', 'batches')} of ${event.batchSize}` +
        (event.resumedAt ? `, resuming at ${formatPosition(event.resumedAt)}` : '');
    case 'epochStart': return `epoch ${event.epoch} started`;
    case 'batchEnd': return `epoch ${event.epoch} batch ${event.batch} loss ${formatNumber(event.loss)}`;
    case 'layerStats': return `layer stats at step ${event.step}: ` + event.layers.map((l) => `L${l.layer} ‖∇W‖ ${formatNumber(l.gradNorm)}`).join(', ');
    case 'epochEnd': return formatEpochLine(event);
    case 'predictionSnapshot': return `prediction snapshot after epoch ${event.epoch} (${plural(event.x.length, 'point')})`;
    case 'confusionMatrix': return `confusion matrix (${event.split}) after epoch ${event.epoch}`;
    case 'boundary': return `decision boundary after epoch ${event.epoch} (${event.x.length}×${event.y.length} grid, ${plural(event.labels.length, 'class', 'classes')})`;
    case 'unitActivations': return `unit activations (${event.split}, ${plural(event.rows, 'row')}) after epoch ${event.epoch}`;
    case 'control': return `${event.command} at ${formatPosition(event)}, step ${event.step}`;
    case 'checkpoint': return `checkpoint written to ${event.path} (${formatPosition(event)}, step ${event.step})`;
    case 'earlyStop': return `early stop after epoch ${event.epoch}: ${event.monitor} best ${formatNumber(event.best)} at epoch ${event.bestEpoch}`;
    case 'restoredBest': return `restored the best weights (epoch ${event.bestEpoch}, ${event.monitor} ${formatNumber(event.best)})`;
    case 'divergence': return `diverged in epoch ${event.epoch} batch ${event.batch}, step ${event.step}: ${event.message}`;
    case 'runEnd': return `run ${event.reason} after ${formatCompleted(event.epochs, event.batch)} (${plural(event.steps, 'step')}) in ${formatDuration(event.elapsedMs)}`;
    default: return assertNever(event);
  }
}
