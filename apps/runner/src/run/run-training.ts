import { ReplaySubject, type Observable, type Subscription } from 'rxjs';
import type { KernelSet } from '@clearprop/tensor';
import { train, type ControlCommand, type Experiment, type ResumePoint, type RunSnapshot, type TrainingEvent } from '@clearprop/training';

type Of<K extends TrainingEvent['type']> = Extract<TrainingEvent, { type: K }>;

/** What the artifacts and the summary need from a finished run. */
export interface RunRecord {
  readonly runStart: Of<'runStart'>;
  readonly runEnd: Of<'runEnd'>;
  readonly epochs: readonly Of<'epochEnd'>[];
  readonly lastSnapshot?: Of<'predictionSnapshot'>;
  readonly divergence?: Of<'divergence'>;
  readonly checkpoints: readonly string[];
  /** The signal that interrupted the run, if any. */
  readonly interruptedBy?: string;
}

/** Inputs of runTraining. */
export interface RunTrainingOptions {
  readonly experiment: Experiment;
  readonly resumeFrom?: ResumePoint;
  /** Matrix kernels. @defaultValue the library's default (WASM SIMD when available) */
  readonly kernels?: KernelSet;
  /** Each event, in order (event log, progress). */
  readonly onEvent: (event: TrainingEvent) => void;
  readonly signals$: Observable<string>;
  readonly writeCheckpoint: (snapshot: RunSnapshot, path?: string) => Promise<string>;
  /** Called once when the first signal arrives (to say that a checkpoint is coming). */
  readonly onSignal?: (signal: string) => void;
  /** Called for a second signal: the user insists, stop now. */
  readonly onForcedExit: () => void;
}

/**
 * Runs an experiment to its end. The first SIGINT/SIGTERM sends `checkpoint` then `stop` through control$ (the run
 * writes a final checkpoint at the next batch boundary and ends with reason 'stopped'); a second one forces exit.
 */
export function runTraining(options: RunTrainingOptions): Promise<RunRecord> {
  const { experiment } = options;
  // Replay: a signal during start-up still reaches the run when it subscribes to control$.
  const control$ = new ReplaySubject<ControlCommand>();
  const epochs: Of<'epochEnd'>[] = [];
  const checkpoints: string[] = [];
  let runStart: Of<'runStart'> | undefined;
  let lastSnapshot: Of<'predictionSnapshot'> | undefined;
  let divergence: Of<'divergence'> | undefined;
  let interruptedBy: string | undefined;
  let signals: Subscription | undefined;
  return new Promise<RunRecord>((resolve, reject) => {
    signals = options.signals$.subscribe((signal) => {
      if (interruptedBy !== undefined) return options.onForcedExit();
      interruptedBy = signal;
      options.onSignal?.(signal);
      control$.next({ type: 'checkpoint' });
      control$.next({ type: 'stop' });
    });
    train(experiment.spec, {
      control$, controllers: experiment.controllers, writeCheckpoint: options.writeCheckpoint, onDivergence: 'rollback',
      ...(options.resumeFrom ? { resumeFrom: options.resumeFrom } : {}),
      ...(options.kernels ? { kernels: options.kernels } : {}),
    }).subscribe({
      next(event) {
        options.onEvent(event);
        if (event.type === 'runStart') runStart = event;
        else if (event.type === 'epochEnd') epochs.push(event);
        else if (event.type === 'predictionSnapshot') lastSnapshot = event;
        else if (event.type === 'divergence') divergence = event;
        else if (event.type === 'checkpoint') checkpoints.push(event.path);
        else if (event.type === 'runEnd' && runStart) {
          resolve({
            runStart, runEnd: event, epochs, checkpoints,
            ...(lastSnapshot ? { lastSnapshot } : {}), ...(divergence ? { divergence } : {}), ...(interruptedBy ? { interruptedBy } : {}),
          });
        }
      },
      error: reject,
    });
  }).finally(() => signals?.unsubscribe());
}
