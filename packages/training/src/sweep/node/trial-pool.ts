import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { TrialResult } from '../types.ts';
import type { TrialHooks, TrialTask } from './run-trial.ts';
import type { TrialMessage, TrialReply } from './trial-worker.ts';

/** Options for createTrialPool. */
export interface TrialPoolOptions {
  /** Trials at once, one worker thread each. @defaultValue os.availableParallelism() */
  readonly threads?: number;
}

/** Hooks of a pooled trial: the TrialHooks without the clock (the thread has its own), plus its start. */
export interface PooledTrialHooks extends Omit<TrialHooks, 'now'> {
  /** The trial left the queue and started on a thread. */
  onStart?(): void;
}

/** Runs trials on worker threads, first come first served. */
export interface TrialPool {
  readonly threads: number;
  run(task: TrialTask, hooks: PooledTrialHooks): Promise<TrialResult>;
  /** Ends every thread at once; running trials are lost (their folders stay as they were). */
  destroy(): Promise<void>;
}

// From the sources this file is trial-pool.ts next to trial-worker.ts; built, both are .js (tsc does not rewrite URLs).
const MODULE = new URL(import.meta.url.endsWith('.ts') ? './trial-worker.ts' : './trial-worker.js', import.meta.url);

// tsx's ESM API (its `import` export; require.resolve would give the CommonJS build, which loads a wrong path).
function tsxEsmApi(): string {
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  return new URL('dist/esm/api/index.mjs', pathToFileURL(packageJson)).href;
}

const SOURCE_CONDITION = '--conditions=@clearprop/source';
const withSourceCondition = (execArgv: readonly string[]): string[] => (execArgv.includes(SOURCE_CONDITION) ? [...execArgv] : [...execArgv, SOURCE_CONDITION]);

/**
 * A pool of worker threads (piscina) that run trials in FIFO order, each on its own thread with the default
 * one-thread kernels. Rung questions travel back over a MessagePort per trial. Running from the TypeScript
 * sources, each thread registers tsx before loading the trial module.
 */
export function createTrialPool(options: TrialPoolOptions = {}): TrialPool {
  const threads = options.threads ?? availableParallelism();
  const fromSource = MODULE.pathname.endsWith('.ts');
  const pool = new Piscina({
    filename: fileURLToPath(new URL('./trial-worker-entry.mjs', import.meta.url)),
    minThreads: threads, maxThreads: threads,
    // A rung wait is idle time, not work: one trial per thread, or a waiting trial would block the next one.
    concurrentTasksPerWorker: 1,
    // piscina's default blocks an idle thread in Atomics.wait, which also stops a finished trial's last file writes.
    atomics: 'disabled',
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: { module: MODULE.href, tsxApi: fromSource ? tsxEsmApi() : null },
    // From the sources, the threads must resolve @clearprop/* to src/ as this process does (a test runner may do that
    // in its own resolver, not with the flag, and a fresh clone has no dist/ to fall back on).
    ...(fromSource ? { execArgv: withSourceCondition(process.execArgv) } : {}),
  });
  // Trials start in the order they were given (piscina's own queue does not promise that, and the deadlock-free
  // rung waits rely on it: the lowest unfinished trial always has a thread). Piscina only sees free threads' work.
  const queue: (() => void)[] = [];
  let running = 0;
  const acquire = () => new Promise<void>((resolve) => (running < threads ? (running++, resolve()) : queue.push(resolve)));
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };
  return {
    threads,
    async run(task, hooks) {
      await acquire();
      try {
        return await runOn(pool, task, hooks);
      } finally {
        release();
      }
    },
    destroy: () => pool.destroy(),
  };
}

// One trial on a thread; its epochs and rung questions come back over its own MessagePort.
function runOn(pool: Piscina, task: TrialTask, hooks: PooledTrialHooks): Promise<TrialResult> {
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (message: TrialMessage) => {
    if (message.type === 'start') hooks.onStart?.();
    else if (message.type === 'epoch') hooks.onEpoch(message.epoch, message.value);
    else void hooks.decide({ epoch: message.epoch, value: message.value }).then((verdict) => port1.postMessage({ type: 'verdict', epoch: message.epoch, ...verdict } satisfies TrialReply));
  });
  return (pool.run({ task, port: port2 }, { transferList: [port2] }) as Promise<TrialResult>).finally(() => port1.close());
}
