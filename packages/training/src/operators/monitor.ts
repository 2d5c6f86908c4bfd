import type { Metrics, TrainingEvent } from '../events.ts';

/** The metrics of an epochEnd a controller can watch. */
export type MonitorMetric = 'loss' | 'accuracy' | 'mse' | 'r2' | 'precision' | 'recall' | 'f1' | 'auc' | 'logLoss';

/** A quantity of an epochEnd event to watch: `<split>.<metric>`. */
export type Monitor = `${'train' | 'validation'}.${MonitorMetric}`;

const METRICS: readonly MonitorMetric[] = ['loss', 'accuracy', 'mse', 'r2', 'precision', 'recall', 'f1', 'auc', 'logLoss'];

/** Every monitor, for config validation. */
export const MONITORS: readonly Monitor[] = (['train', 'validation'] as const).flatMap((split) => METRICS.map((metric): Monitor => `${split}.${metric}`));

/** The direction a monitor improves in when no `mode` is given: down for losses and errors, up for scores. */
export function defaultMode(monitor: Monitor): 'min' | 'max' {
  return /\.(loss|mse|logLoss)$/.test(monitor) ? 'min' : 'max';
}

/** Reads a monitor from an epochEnd; a validation monitor falls back to train when the run has no validation set. */
export function monitorValue(event: Extract<TrainingEvent, { type: 'epochEnd' }>, monitor: Monitor): { readonly value: number | undefined; readonly name: Monitor } {
  const [split, metric] = monitor.split('.') as ['train' | 'validation', MonitorMetric];
  if (split === 'validation' && !event.validation) return monitorValue(event, `train.${metric}`);
  const metrics: Metrics | undefined = event[split];
  return { value: metrics?.[metric], name: monitor };
}
