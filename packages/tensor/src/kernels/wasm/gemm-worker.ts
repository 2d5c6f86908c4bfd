import type { Gemm } from './gemm-tiles.ts';

// The 2-thread mode's shared pieces: the control block layout, one chunk of a split product, and the worker's host.

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

/** The slice of node:worker_threads' Worker the 2-thread mode uses. */
export interface WorkerLike {
  on(event: 'message' | 'error' | 'exit', listener: (value: unknown) => void): unknown;
  unref(): void;
  terminate(): Promise<number>;
}
export type WorkerConstructor = new (code: string, options: { eval: true; workerData: unknown; resourceLimits?: object }) => WorkerLike;

// The worker allocates almost nothing (one instance, a few closures): small V8 heaps keep its resident memory down.
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 };

/**
 * What the 2-thread mode needs from its host: a Worker class, the worker's source and the CPUs the process may use.
 * Only the Node entry (`@clearprop/tensor/node`) supplies one, so the portable core imports nothing from node:.
 */
export interface WorkerHost {
  readonly Worker: WorkerConstructor;
  /** The worker's code (gemm-worker.node.ts), run with `eval: true`. */
  readonly source: string;
  /** CPUs the process may use (os.availableParallelism, which respects CPU affinity). */
  cpus(): number;
}
