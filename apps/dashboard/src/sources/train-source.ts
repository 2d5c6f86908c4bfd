import { join } from 'node:path';
import { defer, merge, Subject, tap } from 'rxjs';
import { paramsOf, sampleBatches, train, type ControlCommand, type Experiment, type TrainingEvent } from '@clearprop/training';
import type { DashboardEvent } from '../state/dashboard-state.ts';
import type { SourceCommand } from '../state/keymap.ts';
import { checkpointWriter, runDirectory, writeModel } from './run-files.ts';
import type { DashboardSource } from './source.ts';

/** Options for trainSource. */
export interface TrainSourceOptions {
  /** Final model path. @defaultValue `runs/<name>-<timestamp>/model.safetensors` */
  readonly out?: string;
  /** @defaultValue new Date() */
  readonly startedAt?: Date;
  /** Time slice of the training loop between event-loop turns (keys and redraws run in between). @defaultValue 8 */
  readonly yieldEveryMs?: number;
  /** Let at most one batchEnd through per this many ms. @defaultValue 25 */
  readonly batchSampleMs?: number;
}

/** A source that trains `experiment` in this process (time-sliced) and is steered by keys. */
export interface TrainSource extends DashboardSource {
  /** Where the final model is (or will be) written. */
  readonly modelPath: string;
}

/**
 * Trains the experiment on this thread — train() yields to the event loop every `yieldEveryMs`, so Ink keeps
 * drawing and reading keys — writes the final model when the run ends, and steers it with control commands.
 */
export function trainSource(experiment: Experiment, options: TrainSourceOptions = {}): TrainSource {
  const directory = runDirectory(experiment.name, options.startedAt ?? new Date());
  const modelPath = options.out ?? join(directory, 'model.safetensors');
  const control$ = new Subject<ControlCommand>();
  const app$ = new Subject<DashboardEvent>();
  let ended = false;
  let started = false;
  let resolveSaved: (summary: string | null) => void = () => undefined;
  const saved = new Promise<string | null>((resolve) => (resolveSaved = resolve));

  const onEvent = (event: TrainingEvent): void => {
    if (event.type !== 'runEnd') return;
    ended = true;
    const params = paramsOf(event);
    if (!params) return resolveSaved(null);
    writeModel(modelPath, experiment, params).then(
      () => {
        app$.next({ type: 'app', level: 'info', text: `model written to ${modelPath}`, modelPath });
        resolveSaved(`clearprop: ${experiment.name} ${event.reason} after ${event.epochs} epochs; model written to ${modelPath}`);
      },
      (error: unknown) => {
        app$.next({ type: 'app', level: 'error', text: `could not write ${modelPath}: ${(error as Error).message}` });
        resolveSaved(`clearprop: could not write ${modelPath}: ${(error as Error).message}`);
      },
    );
  };

  const events$ = defer(() => {
    started = true;
    const run$ = train(experiment.spec, {
      control$,
      controllers: experiment.controllers,
      writeCheckpoint: checkpointWriter(directory, experiment),
      yieldEveryMs: options.yieldEveryMs ?? 8,
      statsEvery: 5,
    });
    return merge(run$.pipe(sampleBatches(options.batchSampleMs ?? 25), tap(onEvent)), app$);
  });

  return {
    mode: 'train',
    modelPath,
    events$,
    send: (command: SourceCommand) => {
      if (command.type !== 'setSpeed' && !ended) control$.next(command);
    },
    quit: async () => {
      if (!started) return null;
      if (!ended) control$.next({ type: 'stop' });
      return saved;
    },
  };
}
