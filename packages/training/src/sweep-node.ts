// @clearprop/training/sweep: the Node side of sweeps — trials on worker threads (piscina), the sweep folder, and
// the BullMQ queue on Redis. Its own entry so that /node (sessions, files) does not load piscina, bullmq and
// ioredis for every run; the sweep engine itself (spaces, sampling, ASHA, reports) is in the portable root entry.
export type { TrialTask, TrialHooks, RungVerdict, TrialPool, TrialPoolOptions, PooledTrialHooks, SweepManifest, SweepFolder, TrialExecutor, RunSweepOptions, SweepOutcome } from './sweep/node/index.ts';
export { runTrial, foldDirs, createTrialPool, createSweepFolder, openSweepFolder, runSweep, trialTask, loadSweepFile } from './sweep/node/index.ts';
export type { TrialJobData, TrialProgress, TrialJobResult, QueueExecutorOptions, QueueWorkerOptions, QueueWorker } from './sweep/node/index.ts';
export { QueueError, QUEUE_NAME, redisOptions, checkRedis, verdictKey, jobIdOf, packFiles, unpackFiles, createQueueExecutor, startQueueWorker } from './sweep/node/index.ts';
