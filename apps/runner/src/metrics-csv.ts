import type { TrainingEvent } from '@clearprop/training';

type EpochEnd = Extract<TrainingEvent, { type: 'epochEnd' }>;

/** Column order of metrics.csv; a metric a run does not have is an empty cell. */
export const METRICS_COLUMNS = [
  'epoch', 'train_loss', 'validation_loss', 'validation_accuracy', 'validation_mse', 'validation_r2', 'learning_rate', 'epoch_ms', 'elapsed_ms',
] as const;

const cell = (x: number | undefined): string => (x === undefined ? '' : String(x));

/** metrics.csv: a header and one row per epoch (1-based epoch numbers), numbers at full precision. */
export function metricsCsv(epochs: readonly EpochEnd[]): string {
  const rows = epochs.map((e) =>
    [
      e.epoch, e.trainLoss, e.validation?.loss, e.validation?.accuracy, e.validation?.mse, e.validation?.r2,
      e.learningRate, Math.round(e.epochMs), Math.round(e.elapsedMs),
    ].map(cell).join(','),
  );
  return [METRICS_COLUMNS.join(','), ...rows].join('\n') + '\n';
}
