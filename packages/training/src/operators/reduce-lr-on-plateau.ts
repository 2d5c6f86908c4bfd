import { concatMap, EMPTY, of, type Observable } from 'rxjs';
import type { ControlCommand, TrainingEvent } from '../events.ts';
import { defaultMode, monitorValue, type Monitor } from './monitor.ts';

/** Options for reduceLrOnPlateau (Keras ReduceLROnPlateau semantics). */
export interface ReduceLrOnPlateauOptions {
  /** @defaultValue 'validation.loss' */
  readonly monitor?: Monitor;
  /** @defaultValue 'min' for losses and errors (loss, mse, logLoss), 'max' for scores (accuracy, r2, precision, recall, f1, auc) */
  readonly mode?: 'min' | 'max';
  /** New lr = lr × factor. @defaultValue 0.1 */
  readonly factor?: number;
  /** Epochs without improvement before reducing. @defaultValue 10 */
  readonly patience?: number;
  /** @defaultValue 1e-4 */
  readonly minDelta?: number;
  /** Epochs to wait after a reduction before counting again. @defaultValue 0 */
  readonly cooldown?: number;
  /** Never go below this learning rate. @defaultValue 0 */
  readonly minLr?: number;
}

/** A controller that sends `setLearningRate(lr × factor)` when the monitor has not improved for `patience` epochs. */
export function reduceLrOnPlateau(options: ReduceLrOnPlateauOptions = {}): (events$: Observable<TrainingEvent>) => Observable<ControlCommand> {
  const { monitor = 'validation.loss', factor = 0.1, patience = 10, minDelta = 1e-4, cooldown = 0, minLr = 0 } = options;
  if (!(factor > 0 && factor < 1)) throw new RangeError(`reduceLrOnPlateau: factor must be in (0, 1), got ${factor}`);
  const mode = options.mode ?? defaultMode(monitor);
  return (events$) => {
    let best = mode === 'min' ? Infinity : -Infinity;
    let waited = 0;
    let cooling = 0;
    return events$.pipe(
      concatMap((event): Observable<ControlCommand> => {
        if (event.type !== 'epochEnd') return EMPTY;
        const { value } = monitorValue(event, monitor);
        if (value === undefined) return EMPTY;
        if (cooling > 0) cooling -= 1;
        if (mode === 'min' ? value < best - minDelta : value > best + minDelta) {
          best = value;
          waited = 0;
          return EMPTY;
        }
        if (cooling > 0) return EMPTY;
        waited += 1;
        if (waited < patience || event.learningRate <= minLr) return EMPTY;
        waited = 0;
        cooling = cooldown;
        return of({ type: 'setLearningRate', lr: Math.max(event.learningRate * factor, minLr) });
      }),
    );
  };
}
