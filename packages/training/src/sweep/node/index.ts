// The Node-only part of sweeps (files, worker threads, Redis), exported from `@clearprop/training/sweep`.
export type { TrialTask, TrialHooks, RungVerdict } from './run-trial.ts';
export { runTrial, foldDirs } from './run-trial.ts';
export type { TrialPool, TrialPoolOptions, PooledTrialHooks } from './trial-pool.ts';
export { createTrialPool } from './trial-pool.ts';
export type { SweepManifest, SweepFolder } from './sweep-folder.ts';
export { createSweepFolder, openSweepFolder } from './sweep-folder.ts';
export type { TrialExecutor, RunSweepOptions, SweepOutcome } from './run-sweep.ts';
export { runSweep, trialTask } from './run-sweep.ts';
export { loadSweepFile } from './load-sweep.ts';
export { QueueError, QUEUE_NAME, redisOptions, checkRedis, verdictKey, jobIdOf } from './queue/redis.ts';
export type { TrialJobData, TrialProgress, TrialJobResult } from './queue/messages.ts';
export { packFiles, unpackFiles } from './queue/trial-files.ts';
export type { QueueExecutorOptions } from './queue/queue-executor.ts';
export { createQueueExecutor } from './queue/queue-executor.ts';
export type { QueueWorkerOptions, QueueWorker } from './queue/queue-worker.ts';
export { startQueueWorker } from './queue/queue-worker.ts';
