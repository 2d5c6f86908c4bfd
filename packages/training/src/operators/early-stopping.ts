import { concatMap, EMPTY, of, type Observable } from 'rxjs';
import type { ControlCommand, TrainingEvent } from '../events.ts';
import { defaultMode, monitorValue, type Monitor } from './monitor.ts';

/** Options for earlyStopping (Keras EarlyStopping semantics). */
export interface EarlyStoppingOptions {
  /** @defaultValue 'validation.loss' (falls back to 'train.loss' when a run has no validation set) */
  readonly monitor?: Monitor;
  /** @defaultValue 'min' for losses and errors (loss, mse, logLoss), 'max' for scores (accuracy, r2, precision, recall, f1, auc) */
  readonly mode?: 'min' | 'max';
  /** Epochs without improvement before stopping. @defaultValue 10 */
  readonly patience?: number;
  /** Smallest change that counts as an improvement. @defaultValue 0 */
  readonly minDelta?: number;
  /** Put the best weights back when the run ends, whether it stops early or completes. @defaultValue true */
  readonly restoreBestWeights?: boolean;
}

/**
 * A controller that watches epochEnd events and sends `markBest` when the monitor improves and `earlyStop` after
 * `patience` epochs without improvement. With restoreBestWeights the run restores the best weights at its end even
 * when it completes normally (Keras #12511).
 */
export function earlyStopping(options: EarlyStoppingOptions = {}): (events$: Observable<TrainingEvent>) => Observable<ControlCommand> {
  const { monitor = 'validation.loss', patience = 10, minDelta = 0, restoreBestWeights = true } = options;
  const mode = options.mode ?? defaultMode(monitor);
  return (events$) => {
    let best = mode === 'min' ? Infinity : -Infinity;
    let bestEpoch = 0;
    let waited = 0;
    let stopped = false;
    return events$.pipe(
      concatMap((event): Observable<ControlCommand> => {
        if (event.type !== 'epochEnd' || stopped) return EMPTY;
        const { value, name } = monitorValue(event, monitor);
        if (value === undefined) return EMPTY;
        const improved = mode === 'min' ? value < best - minDelta : value > best + minDelta;
        if (improved) {
          best = value;
          bestEpoch = event.epoch;
          waited = 0;
          return of({ type: 'markBest', epoch: event.epoch, monitor: name, value, restoreAtEnd: restoreBestWeights });
        }
        waited += 1;
        if (waited < patience) return EMPTY;
        stopped = true;
        return of({ type: 'earlyStop', epoch: event.epoch, monitor: name, best, bestEpoch });
      }),
    );
  };
}
