import type { ModelParams } from '@clearprop/nn';
import { merge, Observable, Subject } from 'rxjs';
import type { ControlCommand, TrainingEvent } from './events.ts';
import { checkpointWritten, handle } from './run/handle.ts';
import { checkRunInputs, createRun, type CreateRunOptions } from './run/run-state.ts';
import type { RunSnapshot } from './run/snapshot.ts';
import { ended, step } from './run/step.ts';
import type { TrainOptions, TrainSpec } from './spec.ts';
import { schedule } from './macrotask.ts';
import { timeSlice } from './time-slice.ts';

/** Turns the event stream of a run into commands for it (earlyStopping, reduceLrOnPlateau, or your own). */
export type Controller = (events$: Observable<TrainingEvent>) => Observable<ControlCommand>;

/** Extra inputs of a run: steering and resuming. */
export interface RunOptions extends TrainOptions, CreateRunOptions {
  /** Commands from the caller (a UI, a signal handler); honoured at the next batch boundary and echoed as `control` events. */
  readonly control$?: Observable<ControlCommand>;
  /** Stream-level features fed by this run's own events. */
  readonly controllers?: readonly Controller[];
  /** Writes a checkpoint for a `checkpoint` command; returns the path written. Injected so the run stays IO-free. */
  readonly writeCheckpoint?: (snapshot: RunSnapshot, path?: string) => Promise<string>;
}

/** The trained weights of a finished run: attached to `runEnd` as a non-enumerable `params`, so JSON skips it. */
export function paramsOf(event: Extract<TrainingEvent, { type: 'runEnd' }>): ModelParams | undefined {
  return (event as { params?: ModelParams }).params;
}

/**
 * Trains `spec` as a **cold** stream of events: each subscription starts an independent run from `spec.seed`;
 * unsubscribing stops it at the next batch boundary and drops its buffers. Share one run with `share()`.
 * A scheduler over the run state machine (run/): it calls `step` in time slices of `yieldEveryMs`, so a UI in the
 * same process stays responsive, and applies commands from `control$` and the controllers between steps.
 * @example
 * const losses: number[] = [];
 * train(spec).pipe(ofType('epochEnd')).subscribe((e) => losses.push(e.trainLoss));
 */
export function train(spec: TrainSpec, options: RunOptions = {}): Observable<TrainingEvent> {
  checkRunInputs(spec, options.resumeFrom); // bad input fails at the call, not inside a subscription
  return new Observable<TrainingEvent>((subscriber) => {
    const state = createRun(spec, options);
    const events$ = new Subject<TrainingEvent>();
    const commands: ControlCommand[] = [];
    const slice = timeSlice(options.yieldEveryMs ?? 16, state.now);
    let busy = false;
    let scheduled = false;
    let closed = false;
    const emit = (events: readonly TrainingEvent[]): void => {
      for (let i = 0; i < events.length; i++) {
        subscriber.next(events[i]);
        events$.next(events[i]);
      }
    };
    const apply = async (command: ControlCommand): Promise<void> => {
      const { events, checkpoint } = handle(state, command);
      emit(events);
      if (!checkpoint || !options.writeCheckpoint) return;
      emit([checkpointWritten(checkpoint.snapshot, await options.writeCheckpoint(checkpoint.snapshot, checkpoint.path), 'requested')]);
    };
    const tick = async (): Promise<void> => {
      scheduled = false;
      if (busy || closed) return;
      busy = true;
      try {
        slice.start();
        while (!closed) {
          while (commands.length > 0 && !closed) await apply(commands.shift() as ControlCommand);
          if (closed) return;
          emit(step(state));
          if (ended(state)) return void ((closed = true), subscriber.complete());
          if (state.status === 'paused' || slice.due()) break;
        }
      } catch (error) {
        closed = true;
        return subscriber.error(error);
      } finally {
        busy = false;
      }
      if (state.status !== 'paused' || commands.length > 0) wake();
    };
    const wake = (): void => {
      if (scheduled || closed || busy) return;
      scheduled = true;
      schedule(() => void tick());
    };
    const inputs = merge(...(options.controllers ?? []).map((c) => c(events$)), options.control$ ?? []).subscribe((command) => {
      commands.push(command);
      wake();
    });
    emit(step(state)); // runStart, synchronously at subscription
    wake();
    return () => {
      closed = true;
      inputs.unsubscribe();
      events$.complete();
    };
  });
}
