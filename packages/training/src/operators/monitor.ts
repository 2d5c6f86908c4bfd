import type { TrainingEvent } from '../events.ts';

/** A quantity of an epochEnd event to watch: `<split>.<metric>`. */
export type Monitor = `${'train' | 'validation'}.${'loss' | 'accuracy' | 'mse' | 'r2'}`;

/** Reads a monitor from an epochEnd; a validation monitor falls back to train when the run has no validation set. */
export function monitorValue(event: Extract<TrainingEvent, { type: 'epochEnd' }>, monitor: Monitor): { readonly value: number | undefined; readonly name: Monitor } {
  const [split, metric] = monitor.split('.') as ['train' | 'validation', 'loss' | 'accuracy' | 'mse' | 'r2'];
  if (split === 'validation' && !event.validation) return monitorValue(event, `train.${metric}`);
  return { value: event[split]?.[metric], name: monitor };
}
