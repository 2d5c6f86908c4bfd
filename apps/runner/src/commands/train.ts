import { join, resolve } from 'node:path';
import { createWasmKernels, tsKernels, wasmSimdSupported } from '@clearprop/tensor';
import type { EndReason, TrainingEvent } from '@clearprop/training';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.ts';
import { eventJson, formatSummary, summaryJson, type RunSummary } from '../format.ts';
import type { CliIo } from '../io.ts';
import { progressReporter } from '../progress.ts';
import { styleFor } from '../style.ts';
import { openAtomicStream, type AtomicStream } from '../run/atomic-stream.ts';
import { writeArtifacts } from '../run/artifacts.ts';
import { checkpointWriter } from '../run/checkpoints.ts';
import { resolveExperiment, type ExperimentFlags } from '../run/experiment-source.ts';
import { defaultOutDir, prepareOutDir } from '../run/out-dir.ts';
import { runTraining } from '../run/run-training.ts';

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
  readonly kernels?: 'ts' | 'wasm' | 'wasm2';
}

const EXIT_FOR: Record<EndReason, ExitCode> = { completed: EXIT.ok, earlyStopped: EXIT.ok, diverged: EXIT.numeric, stopped: EXIT.interrupted };

/** `clearprop train`: resolves the experiment, trains it with progress and event sinks, writes artifacts, prints a summary. */
export async function trainCommand(flags: TrainFlags, io: CliIo): Promise<ExitCode> {
  if (flags.json && flags.events === '-') throw new UsageError('--json and --events - both write to stdout; use --events <file> with --json');
  if (flags.out && !/\.(safetensors|npz)$/i.test(flags.out)) throw new UsageError(`--out ${flags.out}: the model file must end in .safetensors or .npz`);
  const { experiment, config, resumeFrom } = await resolveExperiment(flags, io.cwd);
  const outDir = prepareOutDir(flags.outDir ? resolve(io.cwd, flags.outDir) : defaultOutDir(io.cwd, experiment.name, io.wallClock()), { explicit: flags.outDir !== undefined });
  const paths = { outDir, model: flags.out ? resolve(io.cwd, flags.out) : join(outDir, 'model.safetensors') };
  const say = (text: string) => void (flags.quiet ? undefined : io.stderr.write(text + '\n'));
  say(`outputs: ${outDir}`);
  const sinks = openSinks(flags, outDir, io);
  const progress = flags.quiet ? undefined : progressReporter({ stream: io.stderr, style: styleFor(io.stderr, io.env), now: io.now });
  // Covers the artifact phase too: a signal after the run ends lets the writes finish, then exits 130.
  let lateSignal = false;
  const guard = io.signals$.subscribe(() => (lateSignal = true));
  try {
    const record = await runTraining({
      experiment, ...(resumeFrom ? { resumeFrom } : {}), ...kernelsFor(flags.kernels), signals$: io.signals$,
      writeCheckpoint: checkpointWriter(join(outDir, 'checkpoint.safetensors'), experiment.spec, {
        config: config as unknown as Record<string, unknown>, ...(experiment.normalization ? { normalization: experiment.normalization as unknown as Record<string, unknown> } : {}),
      }),
      onEvent: (event: TrainingEvent) => {
        const line = eventJson(event);
        for (const sink of sinks) sink.write(line);
        progress?.next(event);
      },
      onSignal: (signal) => say(`\n${signal}: writing a checkpoint and stopping at the next batch (again to quit at once)`),
      onForcedExit: () => io.exit(EXIT.interrupted),
    });
    progress?.done();
    for (const sink of sinks) sink.commit();
    const artifacts = await writeArtifacts(paths, experiment, config, record);
    const exitCode = lateSignal && record.runEnd.reason !== 'stopped' ? EXIT.interrupted : EXIT_FOR[record.runEnd.reason];
    const summary: RunSummary = {
      name: experiment.name, status: record.runEnd.reason, exitCode, task: record.runStart.task,
      epochs: record.runEnd.epochs, batch: record.runEnd.batch, steps: record.runEnd.steps, elapsedMs: record.runEnd.elapsedMs, final: record.runEnd.final,
      outDir, model: artifacts.model ?? null, artifacts: { ...artifacts, ...eventArtifacts(sinks) },
      ...(record.checkpoints.length > 0 ? { checkpoint: record.checkpoints[record.checkpoints.length - 1] } : {}),
      ...(record.divergence ? { divergence: `${record.divergence.message} (weights rolled back to the start of epoch ${record.divergence.epoch})` } : {}),
    };
    const out = flags.events === '-' ? (flags.quiet ? undefined : io.stderr) : io.stdout;
    out?.write(flags.json ? summaryJson(summary) : formatSummary(summary, styleFor(out, io.env)));
    return exitCode;
  } catch (error) {
    progress?.done();
    for (const sink of sinks) sink.discard();
    throw error;
  } finally {
    guard.unsubscribe();
  }
}

interface Sink {
  readonly name: string;
  readonly path: string;
  write(line: string): void;
  commit(): void;
  discard(): void;
}

function openSinks(flags: TrainFlags, outDir: string, io: CliIo): Sink[] {
  const file = (name: string, path: string): Sink => {
    const stream: AtomicStream = openAtomicStream(path);
    return { name, path, write: stream.write, commit: stream.commit, discard: stream.discard };
  };
  const sinks = [file('events', join(outDir, 'events.ndjson'))];
  if (flags.events === '-') sinks.push({ name: 'stdout', path: '-', write: (line) => io.stdout.write(line), commit: () => undefined, discard: () => undefined });
  else if (flags.events) sinks.push(file('eventsCopy', resolve(io.cwd, flags.events)));
  return sinks;
}

const eventArtifacts = (sinks: readonly Sink[]): Record<string, string> =>
  Object.fromEntries(sinks.filter((s) => s.path !== '-').map((s) => [s.name, s.path]));

function kernelsFor(choice: TrainFlags['kernels']) {
  if (choice === 'ts') return { kernels: tsKernels };
  if (choice !== 'wasm' && choice !== 'wasm2') return {};
  if (!wasmSimdSupported()) throw new UsageError(`--kernels ${choice}: this Node has no WebAssembly SIMD; use --kernels ts`);
  return { kernels: createWasmKernels(choice === 'wasm2' ? { threads: 2 } : {}) };
}
