import { filter, type OperatorFunction } from 'rxjs';
import type { TrainingEvent } from '../events.ts';

/** Keeps only events of the given types, narrowing the type: `events$.pipe(ofType('epochEnd'))`. */
export function ofType<K extends TrainingEvent['type']>(...types: readonly K[]): OperatorFunction<TrainingEvent, Extract<TrainingEvent, { readonly type: K }>> {
  return filter((event): event is Extract<TrainingEvent, { readonly type: K }> => (types as readonly string[]).includes(event.type));
}
