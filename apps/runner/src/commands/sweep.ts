import { availableParallelism } from 'node:os';
import { basename, relative, resolve } from 'node:path';
import { formatLeaderboard, planTrials } from '@clearprop/training';
import { defaultOutDir, prepareOutDir, resolveExperiment } from '@clearprop/training/node';
import {
  checkRedis, createQueueExecutor, createSweepFolder, createTrialPool, loadSweepFile, openSweepFolder, runSweep, trialTask,
  type SweepFolder, type SweepManifest, type SweepOutcome, type TrialExecutor,
} from '@clearprop/training/sweep';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { sweepEventLine, sweepStartLine } from '../sweep/sweep-lines.ts';

/** Flags of `clearprop sweep`. */
export interface SweepFlags {
  readonly config?: string;
  readonly resume?: string;
  readonly parallel?: number;
  readonly outDir?: string;
  readonly queue?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

type Executor = TrialExecutor & { close(): Promise<void> };

// Worker threads here, or the Redis queue (checked again: a resumed sweep may find Redis gone).
async function executorFor(folder: SweepFolder, parallel: number, queue: string | undefined): Promise<Executor> {
  if (queue !== undefined) {
    await checkRedis(queue);
    return createQueueExecutor({ url: queue, sweepId: folder.manifest.sweepId, parallel });
  }
  const pool = createTrialPool({ threads: parallel });
  return { label: 'local', parallel, run: (task, hooks) => pool.run(task, hooks), close: () => pool.destroy() };
}

/**
 * `clearprop sweep`: loads and checks a sweep file (or reopens a sweep folder with --resume), makes the folder,
 * runs the trials on worker threads or through a queue, prints progress on stderr and the leaderboard (or a JSON
 * summary) on stdout. Exit 0 when the sweep finished (failed trials are listed), 1 when every trial failed.
 */
export async function sweepCommand(flags: SweepFlags, io: CliIo): Promise<ExitCode> {
  if ((flags.config === undefined) === (flags.resume === undefined)) throw new UsageError('give a sweep file with --config, or a sweep folder with --resume');
  if (flags.resume !== undefined && flags.outDir !== undefined) throw new UsageError('--resume continues its own folder; --out-dir cannot be combined with it');
  const folder = flags.resume !== undefined ? openSweepFolder(resolve(io.cwd, flags.resume)) : await newSweep(flags, io);
  const queue = flags.queue ?? folder.manifest.queue;
  const parallel = flags.parallel ?? folder.manifest.definition.parallel ?? availableParallelism();
  const executor = await executorFor(folder, parallel, queue);
  const say = (text: string) => void (flags.quiet ? undefined : io.stderr.write(`${text}\n`));
  say(`outputs: ${folder.dir}`);
  say(sweepStartLine(folder.manifest, executor.label, parallel));
  const finished = folder.readResults().size;
  if (finished > 0) say(`resuming: ${finished} of ${folder.manifest.trials.length} trials already finished`);
  const signals = io.signals$.subscribe((signal) => {
    say(`\n${signal}: stopping; finished trials are kept. Continue with: clearprop sweep --resume ${relative(io.cwd, folder.dir) || '.'}`);
    void executor.close().finally(() => io.exit(EXIT.interrupted));
  });
  try {
    const outcome = await runSweep({
      folder, executor, now: io.now,
      onEvent: (event) => {
        const line = sweepEventLine(event, folder.manifest);
        if (line) say(line);
      },
    });
    return report(folder, outcome, flags, io);
  } finally {
    signals.unsubscribe();
    await executor.close();
  }
}

async function newSweep(flags: SweepFlags, io: CliIo): Promise<SweepFolder> {
  const source = resolve(io.cwd, flags.config as string);
  const definition = await loadSweepFile(source);
  if (flags.queue !== undefined) await checkRedis(flags.queue); // before any folder is made
  const trials = planTrials(definition.space, definition.search);
  // Bad data fails here, before any folder is made: build the first trial's experiment (first fold with cv).
  await resolveExperiment({ experiment: trialTask(definition, trials[0], '').configs[0] }, io.cwd);
  const dir = flags.outDir !== undefined
    ? resolve(io.cwd, flags.outDir)
    : prepareOutDir(defaultOutDir(resolve(io.cwd, 'sweeps'), definition.name, io.wallClock()), { explicit: false });
  const manifest: SweepManifest = {
    format: 'clearprop-sweep', version: 1, sweepId: `${basename(dir)}-${io.wallClock().toString(36)}`, source, definition, trials,
    ...(flags.queue === undefined ? {} : { queue: flags.queue }),
  };
  return createSweepFolder(dir, manifest);
}

function report(folder: SweepFolder, outcome: SweepOutcome, flags: SweepFlags, io: CliIo): ExitCode {
  const { definition } = folder.manifest;
  const best = outcome.ranked[0]?.objective === null ? undefined : outcome.ranked[0];
  const counts = Object.fromEntries(['done', 'earlyStopped', 'pruned', 'diverged', 'failed'].map((s) => [s, outcome.results.filter((r) => r.status === s).length]));
  const allFailed = outcome.results.every((r) => r.status === 'failed');
  const exitCode = allFailed ? EXIT.badInput : EXIT.ok;
  const runDir = best ? folder.trialDir(best.trial) : null;
  if (flags.json) {
    io.stdout.write(`${JSON.stringify({
      name: definition.name, status: allFailed ? 'failed' : 'done', exitCode, dir: folder.dir, trials: outcome.results.length, counts,
      objective: { metric: `${definition.objective.split}.${definition.objective.metric}`, mode: definition.objective.mode },
      best: best ? { trial: best.trial, objective: best.objective, ...(best.std ? { std: best.std.objective } : {}), params: best.params, runDir } : null,
      trialsCsv: folder.paths.trials, bestJson: best ? folder.paths.best : null, elapsedMs: outcome.elapsedMs,
    })}\n`);
  } else {
    io.stdout.write(`${formatLeaderboard(outcome.results, { objective: definition.objective, space: definition.space }).join('\n')}\n`);
    io.stdout.write(best ? `best: trial ${best.trial} → ${runDir}\n` : 'no trial has an objective\n');
    io.stdout.write(`trials: ${folder.paths.trials}\n`);
  }
  if (allFailed) io.stderr.write(`error: every trial failed; the first: ${outcome.results[0]?.reason ?? 'unknown'}\n`);
  return exitCode;
}
