import type { TrainingEvent } from '../events.ts';

type EpochEnd = Extract<TrainingEvent, { type: 'epochEnd' }>;

/**
 * Column order of metrics.csv; a metric a run does not have is an empty cell. The penalty sits next to the train
 * loss it is added to; unweighted losses next to the (class- or sample-)weighted ones; the validation precision,
 * recall and F1 are macro averages.
 */
export const METRICS_COLUMNS = [
  'epoch', 'train_loss', 'train_penalty', 'train_unweighted_loss',
  'validation_loss', 'validation_unweighted_loss', 'validation_accuracy', 'validation_precision', 'validation_recall', 'validation_f1',
  'validation_auc', 'validation_log_loss', 'validation_mse', 'validation_r2',
  'learning_rate', 'epoch_ms', 'elapsed_ms',
] as const;

const cell = (x: number | undefined): string => (x === undefined ? '' : String(x));

/** The header line of metrics.csv (with its newline). */
export function metricsCsvHeader(): string {
  return `${METRICS_COLUMNS.join(',')}\n`;
}

/** One metrics.csv line for an epoch (with its newline): its 1-based number, losses and metrics at full precision. */
export function metricsCsvRow(e: EpochEnd): string {
  const v = e.validation;
  const cells = [
    e.epoch, e.trainLoss, e.train.penalty, e.train.unweightedLoss,
    v?.loss, v?.unweightedLoss, v?.accuracy, v?.precision, v?.recall, v?.f1, v?.auc, v?.logLoss, v?.mse, v?.r2,
    e.learningRate, Math.round(e.epochMs), Math.round(e.elapsedMs),
  ];
  return `${cells.map(cell).join(',')}\n`;
}
