import { resolve } from 'node:path';
import { formatDuration } from '@clearprop/training';
import { checkRedis, startQueueWorker } from '@clearprop/training/sweep';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';

/** Flags of `clearprop worker`. */
export interface WorkerFlags {
  readonly queue: string;
  readonly concurrency: number;
  readonly workDir?: string;
  /** Seconds before a dead worker's trial goes to another worker. */
  readonly stallTimeout: number;
  readonly quiet?: boolean;
}

/**
 * `clearprop worker`: takes sweep trials from a Redis queue and runs them on worker threads until interrupted.
 * The first SIGINT/SIGTERM finishes the running trials and exits 130; a second quits at once (those trials go back
 * to the queue once their locks expire). An unreachable Redis fails within 5 s with exit 1.
 */
export async function workerCommand(flags: WorkerFlags, io: CliIo): Promise<ExitCode> {
  await checkRedis(flags.queue);
  const say = (text: string) => void (flags.quiet ? undefined : io.stderr.write(`${text}\n`));
  const worker = startQueueWorker({
    url: flags.queue, concurrency: flags.concurrency, stallMs: flags.stallTimeout * 1000,
    ...(flags.workDir === undefined ? {} : { workDir: resolve(io.cwd, flags.workDir) }),
    onEvent: (e) => say(e.type === 'started' ? `${e.jobId}: started` : `${e.jobId}: ${e.status} in ${formatDuration(e.durationMs ?? 0)}`),
  });
  say(`worker ${worker.name}: taking trials from ${flags.queue}, ${flags.concurrency} at a time (Ctrl-C to stop)`);
  return new Promise<ExitCode>((resolveExit) => {
    let stopping = false;
    const signals = io.signals$.subscribe((signal) => {
      if (stopping) {
        say(`${signal}: quitting now; running trials go back to the queue when their locks expire`);
        void worker.close(true).finally(() => io.exit(EXIT.interrupted));
        return;
      }
      stopping = true;
      say(`${signal}: finishing the running trials (again to quit at once)`);
      void worker.close().then(() => {
        signals.unsubscribe();
        resolveExit(EXIT.interrupted);
      });
    });
  });
}
