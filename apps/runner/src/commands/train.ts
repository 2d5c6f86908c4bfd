import { formatPosition, type EndReason } from '@clearprop/training';
import { startSession, type Session, type SessionResult } from '@clearprop/training/node';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.ts';
import { crossValidateCommand } from './cross-validate.ts';
import { kernelsFor, type KernelChoice } from '../kernels.ts';
import { sourceOf, type ExperimentFlags } from '../experiment-flags.ts';
import { eventJson, formatSummary, summaryJson, type RunSummary } from '../format.ts';
import type { CliIo } from '../io.ts';
import { progressReporter } from '../progress.ts';
import { writeCharts } from '../run/charts.ts';
import { styleFor } from '../style.ts';

/** Flags of `clearprop train`. */
export interface TrainFlags extends ExperimentFlags {
  /** Model path (overrides `<outDir>/model.safetensors`). */
  readonly out?: string;
  readonly outDir?: string;
  /** NDJSON event stream: a file, or `-` for stdout. */
  readonly events?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  /** Matrix kernels: 'ts' (the plain TypeScript reference) or 'wasm' (SIMD). @defaultValue the fastest available */
  readonly kernels?: KernelChoice;
  /** k-fold cross-validation instead of one run (see crossValidateCommand). */
  readonly cv?: number;
}

const EXIT_FOR: Record<EndReason, ExitCode> = { completed: EXIT.ok, earlyStopped: EXIT.ok, diverged: EXIT.numeric, stopped: EXIT.interrupted };

/**
 * `clearprop train`: starts a library session (which resolves the experiment and writes the model, checkpoints,
 * config, metrics and event log), shows progress, draws the charts and prints a summary.
 */
export async function trainCommand(given: TrainFlags, io: CliIo): Promise<ExitCode> {
  // The process's stdout is written as a stream: opening /dev/stdout fails when it is a socket (ENXIO).
  const flags = given.events === '/dev/stdout' ? { ...given, events: '-' } : given;
  if (flags.cv !== undefined) return crossValidateCommand({ ...flags, cv: flags.cv }, io);
  if (flags.json && flags.events === '-') throw new UsageError('--json and --events - both write to stdout; use --events <file> with --json');
  if (flags.out && !/\.(safetensors|npz)$/i.test(flags.out)) throw new UsageError(`--out ${flags.out}: the model file must end in .safetensors or .npz`);
  const session = await startSession({
    ...sourceOf(flags), ...withKernels(flags.kernels), cwd: io.cwd, wallClock: io.wallClock,
    ...(flags.outDir === undefined ? {} : { outDir: flags.outDir }),
    ...(flags.out === undefined ? {} : { model: flags.out }),
    ...(flags.events === undefined || flags.events === '-' ? {} : { eventsCopy: flags.events }),
  });
  const say = (text: string) => void (flags.quiet ? undefined : io.stderr.write(text + '\n'));
  say(`outputs: ${session.paths.outDir}`);
  for (const path of session.removedTemps) say(`removed ${path}, a temporary file left by an interrupted run`);
  const progress = flags.quiet ? undefined : progressReporter({ stream: io.stderr, style: styleFor(io.stderr, io.env), now: io.now });
  const signals = watchSignals(io, session, say);
  session.events$.subscribe((event) => {
    if (flags.events === '-') io.stdout.write(eventJson(event));
    progress?.next(event);
  });
  try {
    const result = await session.result.catch(async (error: unknown) => {
      progress?.done();
      await chartsAfterFailure(session);
      throw error;
    });
    progress?.done();
    const charts = await writeCharts(session.paths.outDir, session.name, result.record);
    const exitCode = exitCodeOf(signals.by(), result.record.runEnd.reason);
    const summary = summaryOf(session, result, charts, exitCode);
    const out = flags.events === '-' ? (flags.quiet ? undefined : io.stderr) : io.stdout;
    out?.write(flags.json ? summaryJson(summary) : formatSummary(summary, styleFor(out, io.env)));
    return exitCode;
  } finally {
    progress?.done();
    signals.unsubscribe();
  }
}

// Covers the artifact phase too: a signal after the run ends lets the writes finish, then exits 130. SIGPIPE (a
// reader that closed stdout or stderr) stops the run the same way, since nobody reads its output any more.
function watchSignals(io: CliIo, session: Session, say: (text: string) => void): { by: () => string | undefined; unsubscribe: () => void } {
  let interruptedBy: string | undefined;
  const subscription = io.signals$.subscribe((signal) => {
    if (interruptedBy !== undefined) return io.exit(EXIT.interrupted);
    interruptedBy = signal;
    say(signal === 'SIGPIPE'
      ? '\noutput closed by its reader (EPIPE): writing a checkpoint and stopping at the next batch'
      : `\n${signal}: writing a checkpoint and stopping at the next batch (again to quit at once)`);
    session.send({ type: 'checkpoint' });
    session.send({ type: 'stop' });
  });
  return { by: () => interruptedBy, unsubscribe: () => subscription.unsubscribe() };
}

const exitCodeOf = (interruptedBy: string | undefined, reason: EndReason): ExitCode =>
  interruptedBy === 'SIGPIPE' ? EXIT.brokenPipe : interruptedBy !== undefined && reason !== 'stopped' ? EXIT.interrupted : EXIT_FOR[reason];

// A file that could not be written (the model on a full disk) ends the run with that one error line; what can
// still be written is: the charts come from the run's record, and a failure of theirs is not worth a second line.
async function chartsAfterFailure(session: Session): Promise<void> {
  const record = await session.record;
  if (record) await writeCharts(session.paths.outDir, session.name, record).catch(() => undefined);
}

function summaryOf(session: Session, result: SessionResult, charts: Record<string, string>, exitCode: ExitCode): RunSummary {
  const { runStart, runEnd, divergence, checkpoints } = result.record;
  const checkpoint = checkpoints.at(-1);
  return {
    name: session.name, status: runEnd.reason, exitCode, task: runStart.task, epochs: runEnd.epochs, batch: runEnd.batch, steps: runEnd.steps,
    elapsedMs: runEnd.elapsedMs, final: runEnd.final, outDir: session.paths.outDir, model: result.written.model ?? null,
    artifacts: { ...result.written, ...charts },
    ...(checkpoint ? { checkpoint: checkpoint.path, checkpointAt: formatPosition(checkpoint, runStart.batchesPerEpoch) } : {}),
    ...(divergence ? { divergence: `${divergence.message} (weights rolled back to the start of epoch ${divergence.epoch}; ${formatPosition(divergence)} diverged)` } : {}),
  };
}

const withKernels = (choice: KernelChoice | undefined) => {
  const kernels = kernelsFor(choice);
  return kernels ? { kernels } : {};
};
