import type { TrainingEvent } from '../events.ts';

type EpochEnd = Extract<TrainingEvent, { type: 'epochEnd' }>;

/** Column order of metrics.csv; a metric a run does not have is an empty cell. */
export const METRICS_COLUMNS = [
  'epoch', 'train_loss', 'validation_loss', 'validation_accuracy', 'validation_mse', 'validation_r2', 'learning_rate', 'epoch_ms', 'elapsed_ms',
] as const;

const cell = (x: number | undefined): string => (x === undefined ? '' : String(x));

/** The header line of metrics.csv (with its newline). */
export function metricsCsvHeader(): string {
  return `${METRICS_COLUMNS.join(',')}\n`;
}

/** One metrics.csv line for an epoch (with its newline): its 1-based number, losses and metrics at full precision. */
export function metricsCsvRow(e: EpochEnd): string {
  const cells = [e.epoch, e.trainLoss, e.validation?.loss, e.validation?.accuracy, e.validation?.mse, e.validation?.r2, e.learningRate, Math.round(e.epochMs), Math.round(e.elapsedMs)];
  return `${cells.map(cell).join(',')}\n`;
}
