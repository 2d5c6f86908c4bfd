import type { Gemm } from './gemm-tiles.ts';

// The 2-thread mode's shared pieces: the control block layout, one chunk of a split product, and the worker.

// Control block shared with the worker (Int32 slots). NEXT = tag·64 + next unclaimed chunk: a claim is a
// compare-exchange that also checks the job tag, so a late worker can never claim a chunk of a newer job.
export const NEXT = 0;
export const DONE = 1;
export const STOP = 2;
export const ERROR = 3;
export const WORKER_CHUNKS = 4;
/** transA, transB, m, k, n, a, b, c, splitRows, size, count, packA, packB, scratch, tile (index into the tile names). */
export const JOB = 5;
export const CONTROL_SLOTS = JOB + 15;

/**
 * One chunk of a split product: columns [start, start + size) of the n axis, or rows of the m axis when splitRows.
 * The worker runs the same function, so it is written once as source text (plain JS, no TS syntax).
 */
export const CHUNK_SOURCE = `(gemm, transA, transB, m, k, n, a, b, c, splitRows, size, index, packA, packB, scratch) => {
  const start = index * size;
  const lda = transA ? m : k;
  const ldb = transB ? k : n;
  if (splitRows) {
    const rows = Math.min(size, m - start);
    gemm(transA, transB, rows, k, n, a + (transA ? start : start * lda) * 4, lda, b, ldb, c + start * n * 4, n, packA, packB, scratch);
  } else {
    const cols = Math.min(size, n - start);
    gemm(transA, transB, m, k, cols, a, lda, b + (transB ? start * ldb : start) * 4, ldb, c + start * 4, n, packA, packB, scratch);
  }
}`;

export type Chunk = (gemm: Gemm, transA: number, transB: number, m: number, k: number, n: number, a: number, b: number, c: number,
  splitRows: number, size: number, index: number, packA: number, packB: number, scratch: number) => void;

// Plain JS that runs as a script or as a module (eval'd code follows the parent's --input-type), hence no require.
// workerData.tiles names the module's gemm_* exports in the order the caller indexes them.
export const WORKER_SOURCE = `'use strict';
const { workerData, parentPort } = process.getBuiltinModule('node:worker_threads');
const { bytes, memory, control, tiles } = workerData;
const ctl = new Int32Array(control);
const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
const gemms = tiles.map((name) => exports['gemm_' + name]);
const chunk = ${CHUNK_SOURCE};
parentPort.postMessage('ready');
let seen = Atomics.load(ctl, ${NEXT});
for (;;) {
  Atomics.wait(ctl, ${NEXT}, seen);
  if (Atomics.load(ctl, ${STOP}) !== 0) break;
  const tag = Atomics.load(ctl, ${NEXT}) >> 6;
  const [transA, transB, m, k, n, a, b, c, splitRows, size, count, packA, packB, scratch, tile] = ctl.subarray(${JOB}, ${CONTROL_SLOTS});
  for (;;) {
    const next = Atomics.load(ctl, ${NEXT});
    if (next >> 6 !== tag || (next & 63) >= count) { seen = next; break; }
    if (Atomics.compareExchange(ctl, ${NEXT}, next, next + 1) !== next) continue;
    try {
      chunk(gemms[tile], transA, transB, m, k, n, a, b, c, splitRows, size, next & 63, packA, packB, scratch);
    } catch (error) {
      Atomics.store(ctl, ${ERROR}, 1);
    }
    Atomics.add(ctl, ${WORKER_CHUNKS}, 1);
    if (Atomics.add(ctl, ${DONE}, 1) + 1 === count) Atomics.notify(ctl, ${DONE});
  }
}
`;

/** The slice of node:worker_threads' Worker the 2-thread mode uses. */
export interface WorkerLike {
  on(event: 'message' | 'error' | 'exit', listener: (value: unknown) => void): unknown;
  unref(): void;
  terminate(): Promise<number>;
}
export type WorkerConstructor = new (code: string, options: { eval: true; workerData: unknown; resourceLimits?: object }) => WorkerLike;

// The worker allocates almost nothing (one instance, a few closures): small V8 heaps keep its resident memory down.
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 };

/** Node's Worker, or a clear error where there is none (browsers, or Node without process.getBuiltinModule). */
export function workerConstructor(): WorkerConstructor {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const threads = proc?.getBuiltinModule?.('node:worker_threads') as { Worker?: WorkerConstructor } | undefined;
  if (threads?.Worker === undefined) throw new Error('createWasmKernels({ threads: 2 }) needs Node worker_threads (process.getBuiltinModule)');
  return threads.Worker;
}

/**
 * Whether threads: 'auto' gets a worker: Node's worker_threads are there and the process may use 2 CPUs or more
 * (os.availableParallelism, which respects CPU affinity). Read through process.getBuiltinModule, as the package's
 * core imports nothing from node:.
 */
export function canRunWorker(): boolean {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const threads = proc?.getBuiltinModule?.('node:worker_threads') as { Worker?: unknown } | undefined;
  const os = proc?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
  return threads?.Worker !== undefined && (os?.availableParallelism?.() ?? 1) >= 2;
}
