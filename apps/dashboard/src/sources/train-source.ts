import { defer, merge, Subject, type Observable } from 'rxjs';
import { sampleBatches, type TrainingEvent } from '@clearprop/training';
import { startSession, type Session, type SessionOptions } from '@clearprop/training/node';
import type { DashboardEvent } from '../state/dashboard-state.ts';
import type { SourceCommand } from '../state/keymap.ts';
import type { DashboardSource } from './source.ts';

/** Options for trainSource: the library session's, plus how often batches reach the screen. */
export interface TrainSourceOptions extends SessionOptions {
  /** Let at most one batchEnd through per this many ms. @defaultValue 25 */
  readonly batchSampleMs?: number;
}

/**
 * Trains in this process through a library session — the same run folder, model metadata, checkpoints, metrics
 * and live event log as the runner — time-sliced so Ink keeps drawing and reading keys, steered by keys.
 * Resolves once the session has started (bad configs are rejected before any folder is made).
 */
export async function trainSource(options: TrainSourceOptions): Promise<DashboardSource> {
  const { batchSampleMs = 25, ...sessionOptions } = options;
  const session = await startSession({ yieldEveryMs: 8, statsEvery: 5, ...sessionOptions });
  const app$ = new Subject<DashboardEvent>();
  let ended = false;
  const saved = session.result.finally(() => setImmediate(() => app$.complete())).then(
    (result) => {
      ended = true;
      const model = result.written.model;
      if (!model) return `clearprop: ${session.name} ${result.record.runEnd.reason}; no model written`;
      app$.next({ type: 'app', level: 'info', text: `model written to ${model}`, modelPath: model });
      return `clearprop: ${session.name} ${result.record.runEnd.reason}; model written to ${model} (run folder ${session.paths.outDir})`;
    },
    (error: unknown) => {
      ended = true;
      const text = (error as Error).message;
      app$.next({ type: 'app', level: 'error', text });
      return `clearprop: ${text}`;
    },
  );
  // The session's events are hot and start on the next turn: subscribe to them now, replay to the App.
  const events$ = replayFromStart(session);
  return {
    mode: 'train',
    events$: merge(events$.pipe(sampleBatches(batchSampleMs)), app$),
    send: (command: SourceCommand) => {
      if (command.type !== 'setSpeed' && !ended) session.send(command);
    },
    quit: async () => {
      if (!ended) session.send({ type: 'stop' });
      return saved;
    },
  };
}

// Buffers the session's events until the App subscribes (it mounts after this resolves), then passes them live.
function replayFromStart(session: Session): Observable<TrainingEvent> {
  const buffered: TrainingEvent[] = [];
  let live: Subject<TrainingEvent> | null = null;
  let done = false;
  session.events$.subscribe({
    next: (event) => (live ? live.next(event) : buffered.push(event)),
    complete: () => {
      done = true;
      live?.complete();
    },
  });
  return defer(() => {
    live = new Subject<TrainingEvent>();
    const out = merge(buffered.splice(0), live);
    if (done) live.complete();
    return out;
  });
}
