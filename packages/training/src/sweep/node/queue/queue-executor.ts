import { Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { TrialResult } from '../../types.ts';
import type { RungVerdict, TrialTask } from '../run-trial.ts';
import type { TrialExecutor } from '../run-sweep.ts';
import type { PooledTrialHooks } from '../trial-pool.ts';
import type { TrialJobData, TrialJobResult, TrialProgress } from './messages.ts';
import { jobIdOf, QUEUE_NAME, redisOptions, verdictKey } from './redis.ts';
import { unpackFiles } from './trial-files.ts';

/** Options for createQueueExecutor. */
export interface QueueExecutorOptions {
  /** `redis://host:port`: check it with checkRedis first. */
  readonly url: string;
  readonly sweepId: string;
  /** What the sweep was asked to run at once (for the log; workers decide their own concurrency). */
  readonly parallel: number;
  /** How often job states are read, besides the events (catches what happened while nobody listened). @defaultValue 2000 */
  readonly pollMs?: number;
}

interface Pending {
  readonly task: TrialTask;
  readonly hooks: PooledTrialHooks;
  resolve(result: TrialResult): void;
  reject(error: Error): void;
  done: boolean;
  started: boolean;
  lastRung: number;
}

// A job seen running (or finished) before its 'active' event reached us still gets its start reported once.
function started(p: Pending): void {
  if (p.started) return;
  p.started = true;
  p.hooks.onStart?.();
}

const DAY_S = 24 * 3600;

/**
 * Runs trials as BullMQ jobs for `clearprop worker`s. Each trial is one job (id: sweep and trial, so a resumed
 * coordinator finds its jobs again); progress events carry epochs and rung questions, answered through a Redis key
 * the worker polls; a completed job's files are written into the trial's folder. Completed jobs are kept a week so
 * a coordinator that was down can still collect them. Jobs that stall (a worker died) are put back by BullMQ.
 */
export async function createQueueExecutor(options: QueueExecutorOptions): Promise<TrialExecutor & { close(): Promise<void> }> {
  const connection = redisOptions(options.url);
  const queue = new Queue<TrialJobData, TrialJobResult>(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  const redis = new Redis(connection);
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  const pending = new Map<string, Pending>();
  const ask = (id: string, p: Pending, rung: { epoch: number; value: number }) => {
    if (rung.epoch <= p.lastRung) return;
    p.lastRung = rung.epoch;
    void p.hooks.decide(rung).then((verdict: RungVerdict) => redis.set(verdictKey(id, rung.epoch), JSON.stringify(verdict), 'EX', 7 * DAY_S));
  };
  const settle = (id: string) => settleJob(queue, pending, id, ask);
  events.on('active', ({ jobId }) => {
    const p = pending.get(jobId);
    if (!p) return;
    // Every activation is a start: a second one means the trial runs again after its worker died.
    p.started = true;
    p.hooks.onStart?.();
  });
  events.on('progress', ({ jobId, data }) => {
    const p = pending.get(jobId);
    const progress = data as TrialProgress;
    if (!p || typeof progress !== 'object') return;
    started(p);
    if (progress.kind === 'epoch') p.hooks.onEpoch(progress.epoch, progress.value);
    else if (progress.kind === 'rung') ask(jobId, p, progress);
  });
  events.on('completed', ({ jobId }) => void settle(jobId));
  events.on('failed', ({ jobId }) => void settle(jobId));
  const poll = setInterval(() => [...pending.keys()].forEach((id) => void settle(id)), options.pollMs ?? 2000);
  return {
    label: options.url,
    parallel: options.parallel,
    run(task, hooks) {
      const id = jobIdOf(options.sweepId, task.plan.trial);
      return new Promise<TrialResult>((resolve, reject) => {
        pending.set(id, { task, hooks, resolve, reject, done: false, started: false, lastRung: 0 });
        const { outDir: _local, ...portable } = task;
        // Re-adding an existing id is a no-op in BullMQ: a resumed sweep re-attaches to its jobs; a failed one runs again.
        void queue.add('trial', { sweepId: options.sweepId, task: portable }, {
          jobId: id, attempts: 3, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: { age: 7 * DAY_S }, removeOnFail: { age: 7 * DAY_S },
        }).then(async (job) => {
          if ((await job.getState()) === 'failed') await job.retry('failed');
          await settle(id);
        }).catch(reject);
      });
    },
    async close() {
      clearInterval(poll);
      await Promise.allSettled([events.close(), queue.close(), redis.quit()]);
    },
  };
}

// Looks at a job's state and finishes its trial (files written, result handed on) once it completed or failed for good.
async function settleJob(queue: Queue<TrialJobData, TrialJobResult>, pending: Map<string, Pending>, id: string, ask: (id: string, p: Pending, rung: { epoch: number; value: number }) => void): Promise<void> {
  const p = pending.get(id);
  const job = p && !p.done ? await Job.fromId<TrialJobData, TrialJobResult>(queue, id) : undefined;
  if (!p || !job || p.done) return;
  const state = await job.getState();
  if (p.done) return; // settled by a concurrent look (an event and the poll)
  if (state === 'active' || state === 'completed') started(p);
  if (state === 'completed') {
    p.done = true;
    pending.delete(id);
    await unpackFiles(p.task.outDir, job.returnvalue.files).then(() => p.resolve(job.returnvalue.result), p.reject);
  } else if (state === 'failed' && job.attemptsMade >= (job.opts.attempts ?? 1)) {
    p.done = true;
    pending.delete(id);
    p.reject(new Error(`job ${id} failed: ${job.failedReason}`));
  } else if (state === 'active' && isRung(job.progress)) {
    ask(id, p, job.progress);
  }
}

const isRung = (progress: unknown): progress is TrialProgress & { kind: 'rung' } =>
  typeof progress === 'object' && progress !== null && (progress as TrialProgress).kind === 'rung';
