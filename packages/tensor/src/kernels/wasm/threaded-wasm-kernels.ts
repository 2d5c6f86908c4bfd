// Node only (exported from @clearprop/tensor/node): the WASM GEMM split between the calling thread and one
// worker_threads worker on a shared memory. See README.md in this folder, "Two threads".
import { Worker } from 'node:worker_threads';
import type { FloatArray } from '../../dtype.ts';
import { tsKernels, type MatmulKernel } from '../kernel-set.ts';
import { GEMM_SHARED_WASM_BASE64 } from './gemm-shared.wasm.ts';
import { createSharedMemory, decodeBase64 } from './wasm-api.ts';
import { gemmMemory, wantsWasm, type Gemm, type GemmMemory } from './wasm-gemm.ts';
import { createWasmKernels as createSingleThreadKernels, type WasmKernelOptions, type WasmKernelSet } from './wasm-kernels.ts';

/** Options for the Node {@link createWasmKernels}: those of the portable one plus threads. */
export interface NodeWasmKernelOptions extends WasmKernelOptions {
  /**
   * 2: products with m·k·n ≥ `parallelMinWork` are split over output panels between the calling thread and one
   * worker thread sharing the module's memory (the call stays synchronous). Results are bit-identical to 1 thread.
   * Call {@link WasmKernelSet.dispose} when done (the worker never keeps the process alive anyway).
   * @defaultValue 1
   */
  readonly threads?: 1 | 2;
  /**
   * With `threads: 2`, the smallest m·k·n that is split between the threads; smaller products stay on the caller.
   * @defaultValue 2²¹ (128³; measured break-even on 2 cores: about 2·10⁶)
   */
  readonly parallelMinWork?: number;
}

const DEFAULT_MIN_WORK = 128;
const DEFAULT_PARALLEL_MIN_WORK = 2 ** 21;
// The shared variant's declared maximum (tools/gen-wasm-kernels.ts).
const SHARED_MAX_PAGES = 32767;
// A split product is cut into at most this many panels, claimed one at a time by either thread, so a thread that
// is descheduled (busy machine) or not started yet leaves its share to the other.
const MAX_CHUNKS = 8;

// Control block shared with the worker (Int32 slots). NEXT = tag·64 + next unclaimed chunk: a claim is a
// compare-exchange that also checks the job tag, so a late worker can never claim a chunk of a newer job.
const NEXT = 0;
const DONE = 1;
const STOP = 2;
const ERROR = 3;
const WORKER_CHUNKS = 4;
const JOB = 5; // transA, transB, m, k, n, a, b, c, splitRows, size, count, packA, packB, scratch
const CONTROL_SLOTS = JOB + 14;

/**
 * One chunk of a split product: columns [start, start + size) of the n axis, or rows of the m axis when splitRows.
 * The worker runs the same function, so it is written once as source text (plain JS, no TS syntax).
 */
const CHUNK_SOURCE = `(gemm, transA, transB, m, k, n, a, b, c, splitRows, size, index, packA, packB, scratch) => {
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

type Chunk = (gemm: Gemm, transA: number, transB: number, m: number, k: number, n: number, a: number, b: number, c: number,
  splitRows: number, size: number, index: number, packA: number, packB: number, scratch: number) => void;

// Plain JS that runs as a script or as a module (eval'd code follows the parent's --input-type), hence no require.
const WORKER_SOURCE = `'use strict';
const { workerData, parentPort } = process.getBuiltinModule('node:worker_threads');
const { bytes, memory, control } = workerData;
const ctl = new Int32Array(control);
const gemm = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports.gemm;
const chunk = ${CHUNK_SOURCE};
parentPort.postMessage('ready');
let seen = Atomics.load(ctl, ${NEXT});
for (;;) {
  Atomics.wait(ctl, ${NEXT}, seen);
  if (Atomics.load(ctl, ${STOP}) !== 0) break;
  const tag = Atomics.load(ctl, ${NEXT}) >> 6;
  const [transA, transB, m, k, n, a, b, c, splitRows, size, count, packA, packB, scratch] = ctl.subarray(${JOB}, ${CONTROL_SLOTS});
  for (;;) {
    const next = Atomics.load(ctl, ${NEXT});
    if (next >> 6 !== tag || (next & 63) >= count) { seen = next; break; }
    if (Atomics.compareExchange(ctl, ${NEXT}, next, next + 1) !== next) continue;
    try {
      chunk(gemm, transA, transB, m, k, n, a, b, c, splitRows, size, next & 63, packA, packB, scratch);
    } catch (error) {
      Atomics.store(ctl, ${ERROR}, 1);
    }
    Atomics.add(ctl, ${WORKER_CHUNKS}, 1);
    if (Atomics.add(ctl, ${DONE}, 1) + 1 === count) Atomics.notify(ctl, ${DONE});
  }
}
`;

// Stops the worker of a kernel set that was garbage-collected without dispose().
const orphans = new FinalizationRegistry<() => void>((dispose) => dispose());

/** The worker and its control block; `parallel` runs one product already in memory on both threads. */
interface Helper {
  readonly ready: Promise<void>;
  running(): boolean;
  workerChunks(): number;
  stop(): void;
  parallel(job: readonly number[], count: number, m: number, k: number, n: number, packs: readonly number[]): void;
}

function startHelper(memory: GemmMemory, bytes: Uint8Array<ArrayBuffer>, shared: object): Helper {
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
  const chunk = new Function(`return ${CHUNK_SOURCE}`)() as Chunk;
  let tag = 0;
  let worker: Worker | undefined = new Worker(WORKER_SOURCE, { eval: true, workerData: { bytes, memory: shared, control: control.buffer } });
  const started = worker;
  const stop = (): void => {
    if (worker === undefined) return;
    Atomics.store(control, STOP, 1);
    Atomics.add(control, NEXT, 1);
    Atomics.notify(control, NEXT);
    void worker.terminate().catch(() => undefined);
    worker = undefined;
  };
  const ready = new Promise<void>((resolve, reject) => {
    started.on('message', () => {
      // Referenced until running, so `await kernels.ready` holds the process; idle afterwards, it never does.
      // (Unref only after adding listeners: a 'message' listener added to an unref'd worker refs it again.)
      started.unref();
      resolve();
    });
    started.on('error', (error) => {
      if (worker === started) worker = undefined; // never started or crashed: carry on single-threaded
      reject(error instanceof Error ? error : new Error(String(error)));
    });
    started.on('exit', () => {
      if (worker === started) worker = undefined;
      resolve();
    });
  });
  ready.catch(() => undefined);

  /** Splits a product into chunks claimed by this thread and (if awake) the worker. */
  const parallel = (job: readonly number[], count: number, m: number, k: number, n: number, packs: readonly number[]): void => {
    const [transA, transB, , , , a, b, c, splitRows, size] = job;
    tag = (tag + 1) & 0xffffff;
    control.set([...job, count, packs[2], packs[3], memory.tileBytes], JOB);
    Atomics.store(control, DONE, 0);
    Atomics.store(control, NEXT, tag << 6);
    Atomics.notify(control, NEXT, 1);
    for (;;) {
      const next = Atomics.load(control, NEXT);
      if ((next & 63) >= count) break;
      if (Atomics.compareExchange(control, NEXT, next, next + 1) !== next) continue;
      chunk(memory.gemm, transA, transB, m, k, n, a, b, c, splitRows, size, next & 63, packs[0], packs[1], 0);
      Atomics.add(control, DONE, 1);
    }
    // Only chunks the worker has claimed are outstanding; wait for them, bounded by a generous deadline.
    const deadline = performance.now() + 30_000 + (2 * m * k * n) / 1e6; // ≥ 30 s, or 1 GFLOP/s
    for (let done = Atomics.load(control, DONE); done < count; done = Atomics.load(control, DONE)) {
      if (Atomics.wait(control, DONE, done, 1000) === 'timed-out' && performance.now() > deadline) {
        stop();
        throw new Error('createWasmKernels: the worker thread did not finish its part of a product; it has been stopped');
      }
    }
    if (Atomics.exchange(control, ERROR, 0) !== 0) {
      stop();
      throw new Error('createWasmKernels: the worker thread failed on its part of a product; it has been stopped');
    }
  };
  return { ready, running: () => worker !== undefined, workerChunks: () => Atomics.load(control, WORKER_CHUNKS), stop, parallel };
}

/**
 * The WASM SIMD128 kernel set of `@clearprop/tensor`, plus (Node only) `threads: 2`: products with
 * m·k·n ≥ `parallelMinWork` are split between the calling thread and one worker thread on a shared
 * WebAssembly memory, bit-identical to 1 thread; smaller ones run on a private 1-thread set. See
 * {@link NodeWasmKernelOptions}. With `threads` 1 (the default) this is the portable `createWasmKernels`.
 *
 * @example
 * const kernels = createWasmKernels({ threads: 2 });
 * await kernels.ready; // optional: until then products run on the calling thread alone
 * kernels.dispose();
 */
export function createWasmKernels(options: NodeWasmKernelOptions = {}): WasmKernelSet {
  const single = createSingleThreadKernels(options);
  if (options.threads !== 2) return single;
  const minWork = Math.max(1, options.minWork ?? DEFAULT_MIN_WORK);
  const parallelMinWork = Math.max(1, options.parallelMinWork ?? DEFAULT_PARALLEL_MIN_WORK);
  const bytes = decodeBase64(GEMM_SHARED_WASM_BASE64);
  const shared = createSharedMemory(1, SHARED_MAX_PAGES);
  const memory = gemmMemory(bytes, 2, shared); // scratch tiles: the caller's, then the worker's
  const helper = startHelper(memory, bytes, shared);

  const form = (transA: number, transB: number, fallback: MatmulKernel, name: 'matmul' | 'matmulTransB' | 'matmulTransA'): MatmulKernel =>
    (a: FloatArray, b: FloatArray, out: FloatArray, m: number, k: number, n: number): void => {
      if (!wantsWasm(a, b, out, m * k * n, minWork)) return fallback(a, b, out, m, k, n);
      // Split the longer output side into panels aligned to the register tile.
      const splitRows = m > n ? 1 : 0;
      const align = splitRows ? memory.mr : memory.nr;
      const length = splitRows ? m : n;
      const panels = Math.ceil(length / align);
      const size = Math.ceil(panels / Math.min(MAX_CHUNKS, panels)) * align;
      const count = Math.ceil(length / size);
      // Products that are not split run on the private set: copying into a shared memory is slower, and the
      // shared one then only grows for products the worker helps with.
      if (!(helper.running() && k > 0 && m * k * n >= parallelMinWork && count > 1)) return single[name](a, b, out, m, k, n);
      const [packA, packB] = memory.packBytes(splitRows ? size : m, k, splitRows ? n : size);
      const ran = memory.run(a as Float32Array, b as Float32Array, out as Float32Array, m, k, n, 2 * (packA + packB), (at) => {
        const packs = [at.packs, at.packs + packA, at.packs + packA + packB, at.packs + 2 * packA + packB];
        helper.parallel([transA, transB, m, k, n, at.a, at.b, at.c, splitRows, size], count, m, k, n, packs);
      });
      if (!ran) fallback(a, b, out, m, k, n);
    };

  const kernels: WasmKernelSet = {
    name: 'wasm-simd',
    matmul: form(0, 0, tsKernels.matmul, 'matmul'),
    matmulTransB: form(0, 1, tsKernels.matmulTransB, 'matmulTransB'),
    matmulTransA: form(1, 0, tsKernels.matmulTransA, 'matmulTransA'),
    minWork,
    get threads() {
      return helper.running() ? 2 : 1;
    },
    ready: helper.ready,
    workerChunks: helper.workerChunks,
    dispose: helper.stop,
  };
  orphans.register(kernels, helper.stop, kernels);
  return kernels;
}
