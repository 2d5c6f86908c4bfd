import { dirname, join, resolve } from 'node:path';
import type { ModelParams } from '@clearprop/nn';
import { merge, Subject, type Observable } from 'rxjs';
import { snapshotToCheckpoint } from '../checkpointing.ts';
import type { ControlCommand, TrainingEvent } from '../events.ts';
import type { Experiment, ExperimentConfig } from '../experiments/types.ts';
import { saveCheckpoint, saveModel, writeFileAtomic } from '../files/io.ts';
import { checkRunInputs } from '../run/run-state.ts';
import { TrainSpecError, type ResumePoint } from '../run/setup.ts';
import type { RunSnapshot } from '../run/snapshot.ts';
import type { TrainOptions } from '../spec.ts';
import { paramsOf, train } from '../train.ts';
import { resolveExperiment, type ExperimentSource } from './experiment-source.ts';
import { openLineLog, type LineLog } from './line-log.ts';
import { metricsCsvHeader, metricsCsvRow } from './metrics-csv.ts';
import { defaultOutDir, makeDirectory, prepareOutDir, removeStaleTemps } from './out-dir.ts';
import { runRecorder, type RunRecord } from './run-record.ts';
import { modelMetadata, savedModelOf } from './saved-model.ts';
import { writeError, type SessionError } from './session-error.ts';

/** Everything a session needs: the experiment source, where its files go, and how the run is observed. */
export interface SessionOptions extends ExperimentSource, Omit<TrainOptions, 'onDivergence'> {
  /** Relative paths (config, data, outDir, model) resolve against it. @defaultValue process.cwd() */
  readonly cwd?: string;
  /** The run folder; reused when it exists. @defaultValue a new folder under runsDir */
  readonly outDir?: string;
  /** Where default run folders go. @defaultValue `<cwd>/runs` */
  readonly runsDir?: string;
  /** Wall clock (ms since 1970) for the default folder's `-YYYYMMDD-HHMMSS` stamp; without it the folder is `runs/<name>`. */
  readonly wallClock?: () => number;
  /** The model file (.safetensors or .npz). @defaultValue `<outDir>/model.safetensors` */
  readonly model?: string;
  /** A second live copy of the event log (e.g. a file another process follows). */
  readonly eventsCopy?: string;
  /** Commands for the run (pause, stop, checkpoint, …); `send` does the same. */
  readonly control$?: Observable<ControlCommand>;
}

/** The files of a session. */
export interface SessionPaths {
  readonly outDir: string;
  readonly model: string;
  /** The event log (NDJSON), appended live. */
  readonly events: string;
  /** One row per epoch, appended live. */
  readonly metrics: string;
  /** The resolved config, written at the start. */
  readonly config: string;
  /** Where `checkpoint` commands without a path write. */
  readonly checkpoint: string;
  readonly eventsCopy?: string;
}

/** How a session ended: the record for summaries and charts, and the files written. */
export interface SessionResult {
  readonly record: RunRecord;
  /** Artifact name (model, events, metrics, config, eventsCopy) → path, for every file written. */
  readonly written: Readonly<Record<string, string>>;
  /** The final weights (after any restore of the best ones), or undefined when the run produced none. */
  readonly params: ModelParams | undefined;
}

/** A run with its files: the experiment resolved, the run folder made, every sink attached. */
export interface Session {
  readonly name: string;
  readonly experiment: Experiment;
  readonly config: ExperimentConfig;
  readonly paths: SessionPaths;
  /** Temporary files a killed process had left in the run folder, removed at the start. */
  readonly removedTemps: readonly string[];
  /** The run's events. Hot: the run starts on the next event-loop turn, so subscribe right away; completes after runEnd. */
  readonly events$: Observable<TrainingEvent>;
  /** Sends a command to the run (applied at the next batch boundary). */
  send(command: ControlCommand): void;
  /** Resolves once the model is written after runEnd; rejects with a SessionError (or the run's error) otherwise. */
  readonly result: Promise<SessionResult>;
  /**
   * The run's record as soon as it ended — also when a file could not be written afterwards, so charts and a
   * summary can still be made; undefined when the run failed before runEnd. Never rejects.
   */
  readonly record: Promise<RunRecord | undefined>;
}

/**
 * Starts a training session: resolves the experiment (preset, config file, inline config or checkpoint), checks
 * it, creates the run folder, writes config.json and starts the run with every sink attached — the live event log
 * (events.ndjson), metrics.csv, checkpoints on request, and the model with full metadata at the end. Bad input
 * fails here, before any folder is made. A file that cannot be written stops the run and rejects `result`.
 * @example
 * const session = await startSession({ preset: 'iris', outDir: 'runs/iris' });
 * const losses: number[] = [];
 * session.events$.pipe(ofType('epochEnd')).subscribe((e) => losses.push(e.trainLoss));
 * const { written } = await session.result;
 */
export async function startSession(options: SessionOptions): Promise<Session> {
  const cwd = options.cwd ?? process.cwd();
  const { experiment, config, resumeFrom, source } = await resolveExperiment(options, cwd);
  try {
    checkRunInputs(experiment.spec, resumeFrom);
  } catch (error) {
    // The spec's field names (model.layers[1].units) are the config's: say which config they are in.
    if (error instanceof Error && (error.name === 'TrainSpecError' || error.name === 'ModelSpecError')) throw new TrainSpecError(`${source}: ${error.message}`, { cause: error });
    throw error;
  }
  const outDir = options.outDir !== undefined
    ? prepareOutDir(resolve(cwd, options.outDir), { explicit: true })
    : prepareOutDir(defaultOutDir(resolve(cwd, options.runsDir ?? 'runs'), experiment.name, options.wallClock?.()), { explicit: false });
  const paths: SessionPaths = {
    outDir, model: options.model ? resolve(cwd, options.model) : join(outDir, 'model.safetensors'), events: join(outDir, 'events.ndjson'),
    metrics: join(outDir, 'metrics.csv'), config: join(outDir, 'config.json'), checkpoint: join(outDir, 'checkpoint.safetensors'),
    ...(options.eventsCopy ? { eventsCopy: resolve(cwd, options.eventsCopy) } : {}),
  };
  const removedTemps = removeStaleTemps(outDir, { pid: process.pid, startedAtMs: performance.timeOrigin });
  await writeText(paths.config, `${JSON.stringify(config, null, 2)}\n`);
  const control$ = new Subject<ControlCommand>();
  const run = attach({ experiment, config, paths, control$, options, ...(resumeFrom ? { resumeFrom } : {}) });
  return {
    name: experiment.name, experiment, config, paths, removedTemps, events$: run.events$,
    send: (command) => control$.next(command), result: run.result, record: run.record,
  };
}

interface Attachment {
  readonly experiment: Experiment;
  readonly config: ExperimentConfig;
  readonly paths: SessionPaths;
  readonly control$: Subject<ControlCommand>;
  readonly options: SessionOptions;
  readonly resumeFrom?: ResumePoint;
}

// Opens the sinks and starts the run on the next turn; every event goes to the sinks first, then to subscribers.
function attach(a: Attachment): { events$: Observable<TrainingEvent>; result: Promise<SessionResult>; record: Promise<RunRecord | undefined> } {
  const { experiment, config, paths, options } = a;
  const events$ = new Subject<TrainingEvent>();
  let failure: SessionError | null = null;
  const onError = (error: SessionError) => {
    failure ??= error;
    a.control$.next({ type: 'stop' });
  };
  const logs: LineLog[] = [openLineLog(paths.events, onError), ...(paths.eventsCopy ? [openLineLog(paths.eventsCopy, onError)] : [])];
  const metrics = openLineLog(paths.metrics, onError);
  metrics.write(metricsCsvHeader());
  const recorder = runRecorder();
  let settleRecord: (record: RunRecord | undefined) => void = () => undefined;
  const record = new Promise<RunRecord | undefined>((resolveRecord) => (settleRecord = resolveRecord));
  const meta = modelMetadata(experiment, config);
  const writeCheckpoint = async (snapshot: RunSnapshot, requested?: string): Promise<string> => {
    const target = requested ?? paths.checkpoint;
    for (const log of [...logs, metrics]) log.flush();
    await saveCheckpoint(target, snapshotToCheckpoint(snapshot, experiment.spec, meta)).catch((error: unknown) => Promise.reject(writeError(target, error)));
    return target;
  };
  const result = new Promise<SessionResult>((resolveResult, reject) => {
    let params: ModelParams | undefined;
    const closeLogs = () => [...logs, metrics].forEach((log) => log.close());
    setImmediate(() => {
      const { control$: _ignored, ...trainOptions } = options;
      train(experiment.spec, {
        ...trainOptions, control$: merge(a.control$, options.control$ ?? []), controllers: experiment.controllers, writeCheckpoint, onDivergence: 'rollback',
        ...(a.resumeFrom ? { resumeFrom: a.resumeFrom } : {}),
      }).subscribe({
        next(event) {
          // Written and flushed before anyone else sees the event: the log is never behind what a subscriber printed.
          const line = `${JSON.stringify(event)}\n`;
          for (const log of logs) {
            log.write(line);
            log.flush();
          }
          if (event.type === 'epochEnd') {
            metrics.write(metricsCsvRow(event));
            metrics.flush();
          }
          if (event.type === 'runEnd') params = paramsOf(event);
          recorder.next(event);
          events$.next(event);
        },
        error(error: unknown) {
          closeLogs();
          settleRecord(undefined);
          events$.complete();
          reject(error);
        },
        complete() {
          closeLogs();
          void finish(a, { recorder, params, failure: () => failure, settleRecord }).then(resolveResult, reject).finally(() => {
            settleRecord(undefined);
            events$.complete();
          });
        },
      });
    });
  });
  result.catch(() => undefined); // a caller that only subscribes must not get an unhandled rejection
  return { events$: events$.asObservable(), result, record };
}

interface Ending {
  readonly recorder: ReturnType<typeof runRecorder>;
  readonly params: ModelParams | undefined;
  readonly failure: () => SessionError | null;
  readonly settleRecord: (record: RunRecord | undefined) => void;
}

// The record first (charts need no files), then the model; the first write failure is the one reported.
async function finish(a: Attachment, { recorder, params, failure, settleRecord }: Ending): Promise<SessionResult> {
  const { paths } = a;
  const record = recorder.finish(a.experiment, params) ?? undefined;
  settleRecord(record);
  const written: Record<string, string> = { events: paths.events, metrics: paths.metrics, config: paths.config };
  if (paths.eventsCopy) written.eventsCopy = paths.eventsCopy;
  if (params) {
    try {
      makeDirectory(dirname(paths.model));
      await saveModel(paths.model, savedModelOf(a.experiment, a.config, params));
      written.model = paths.model;
    } catch (error) {
      throw failure() ?? writeError(paths.model, error);
    }
  }
  const failed = failure();
  if (failed) throw failed;
  if (!record) throw new Error('the run ended without runEnd');
  return { record, written, params };
}

async function writeText(path: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path, new TextEncoder().encode(text));
  } catch (error) {
    throw writeError(path, error);
  }
}
