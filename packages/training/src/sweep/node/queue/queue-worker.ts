import { rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { RungVerdict } from '../run-trial.ts';
import { createTrialPool } from '../trial-pool.ts';
import type { TrialJobData, TrialJobResult, TrialProgress } from './messages.ts';
import { QUEUE_NAME, redisOptions, verdictKey } from './redis.ts';
import { packFiles } from './trial-files.ts';

/** Options for startQueueWorker. */
export interface QueueWorkerOptions {
  /** `redis://host:port`: check it with checkRedis first. */
  readonly url: string;
  /** Trials at once, one thread each. @defaultValue 1 */
  readonly concurrency?: number;
  /** Scratch space for trials before their files are sent back. @defaultValue `<os tmpdir>/clearprop-worker` */
  readonly workDir?: string;
  /**
   * How long a job's lock lasts without renewal: a worker that died is noticed after about this long (and up to
   * the same again until the stalled-job check runs), then its trial is put back for another worker.
   * @defaultValue 30000
   */
  readonly stallMs?: number;
  /** How often a trial at a rung looks for its verdict. @defaultValue 250 */
  readonly verdictPollMs?: number;
  /** What the worker does, for its log. */
  readonly onEvent?: (event: { readonly type: 'started' | 'finished'; readonly jobId: string; readonly trial: number; readonly status?: string; readonly durationMs?: number }) => void;
}

/** A running worker. */
export interface QueueWorker {
  readonly name: string;
  /** Stops taking jobs; waits for running trials unless `force`. */
  close(force?: boolean): Promise<void>;
}

/**
 * Takes trial jobs from the queue and runs them on worker threads (one per concurrent trial): reports each epoch
 * and rung question as job progress, waits at a rung for the coordinator's verdict, and returns the result with
 * the trial's files. BullMQ renews the job lock while the trial runs; a worker killed mid-trial stops renewing, and
 * the stalled-job check of any worker puts the trial back on the queue.
 */
export function startQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const concurrency = options.concurrency ?? 1;
  const connection = redisOptions(options.url);
  const pool = createTrialPool({ threads: concurrency });
  const redis = new Redis(connection);
  const name = `${hostname()}:${process.pid}`;
  const workDir = options.workDir ?? join(tmpdir(), 'clearprop-worker');
  const stallMs = options.stallMs ?? 30_000;
  const process_ = async (job: Job<TrialJobData, TrialJobResult>): Promise<TrialJobResult> => {
    const { sweepId, task } = job.data;
    const outDir = join(workDir, sweepId, `trial-${task.plan.trial}-${process.pid}`);
    rmSync(outDir, { recursive: true, force: true }); // a trial run again starts from an empty folder
    options.onEvent?.({ type: 'started', jobId: job.id ?? '', trial: task.plan.trial });
    try {
      const result = await pool.run({ ...task, outDir }, {
        onEpoch: (epoch, value) => void job.updateProgress({ kind: 'epoch', epoch, value } satisfies TrialProgress),
        decide: async (rung) => {
          await job.updateProgress({ kind: 'rung', ...rung } satisfies TrialProgress);
          return waitForVerdict(redis, verdictKey(job.id ?? '', rung.epoch), options.verdictPollMs ?? 250);
        },
      });
      options.onEvent?.({ type: 'finished', jobId: job.id ?? '', trial: task.plan.trial, status: result.status, durationMs: result.durationMs });
      return { result, files: packFiles(outDir), worker: name };
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  };
  const worker = new Worker<TrialJobData, TrialJobResult>(QUEUE_NAME, process_, {
    connection, concurrency, lockDuration: stallMs, stalledInterval: stallMs, maxStalledCount: 10, name,
  });
  worker.on('error', () => undefined); // connection errors: ioredis reconnects; the CLI checked Redis at start
  return {
    name,
    async close(force = false) {
      await worker.close(force);
      await Promise.allSettled([redis.quit(), pool.destroy()]);
    },
  };
}

async function waitForVerdict(redis: Redis, key: string, pollMs: number): Promise<RungVerdict> {
  for (;;) {
    const text = await redis.get(key);
    if (text !== null) return JSON.parse(text) as RungVerdict;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
