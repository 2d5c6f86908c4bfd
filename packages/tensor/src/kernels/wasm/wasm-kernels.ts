import type { FloatArray } from '../../dtype.ts';
import { tsKernels, type KernelSet, type MatmulKernel } from '../kernel-set.ts';
import { GEMM_SHARED_WASM_BASE64 } from './gemm-shared.wasm.ts';
import { GEMM_WASM_BASE64 } from './gemm.wasm.ts';
import { createSharedMemory, decodeBase64, instantiate, WASM_PAGE_BYTES, type WasmGlobal, type WasmMemory } from './wasm-api.ts';

/** Options for {@link createWasmKernels}. */
export interface WasmKernelOptions {
  /**
   * Products with m·k·n below this run on the TS kernels, where copying into WASM memory costs more than it saves.
   * @defaultValue 128
   */
  readonly minWork?: number;
  /**
   * 2: products with m·k·n ≥ `parallelMinWork` are split over output panels between the calling thread and one
   * worker thread sharing the module's memory (Node only; the call stays synchronous). Results are bit-identical
   * to 1 thread. Call {@link WasmKernelSet.dispose} when done (the worker never keeps the process alive anyway).
   * @defaultValue 1
   */
  readonly threads?: 1 | 2;
  /**
   * With `threads: 2`, the smallest m·k·n that is split between the threads; smaller products stay on the caller.
   * @defaultValue 2²¹ (128³; measured break-even on 2 cores: about 2·10⁶)
   */
  readonly parallelMinWork?: number;
}

/** The kernel set of {@link createWasmKernels}. */
export interface WasmKernelSet extends KernelSet {
  /** Threads a large product may use: 1, or 2 until {@link dispose} (or a worker failure) drops back to 1. */
  readonly threads: 1 | 2;
  /** Resolves once the worker is running (at once with 1 thread). Until then products run on the caller alone. */
  readonly ready: Promise<void>;
  /** Output panels computed by the worker so far (diagnostics and tests; 0 with 1 thread). */
  workerChunks(): number;
  /** Stops the worker; the set keeps working on the calling thread. Idempotent; a no-op with 1 thread. */
  dispose(): void;
}

// c[m×n] = op(A)·op(B) on byte offsets into the module's memory, row strides in elements (see tools/gen-wasm-kernels.ts).
type Gemm = (transA: number, transB: number, m: number, k: number, n: number, a: number, lda: number, b: number, ldb: number,
  c: number, ldc: number, packA: number, packB: number, scratch: number) => void;

const DEFAULT_MIN_WORK = 128;
const DEFAULT_PARALLEL_MIN_WORK = 2 ** 21;
// Offsets are i32 in the module; stay well inside the signed range so address arithmetic cannot wrap.
const MAX_BYTES = 2 ** 31 - WASM_PAGE_BYTES;
// The shared variant's declared maximum (tools/gen-wasm-kernels.ts).
const SHARED_MAX_PAGES = 32767;
// Distinct output sizes whose memory views are cached; a training run uses a handful.
const MAX_CACHED_VIEWS = 64;
// A split product is cut into at most this many panels, claimed one at a time by either thread, so a thread that
// is descheduled (busy machine) or not started yet leaves its share to the other.
const MAX_CHUNKS = 8;

const alignUp = (bytes: number): number => Math.ceil(bytes / 64) * 64;
const roundUp = (x: number, multiple: number): number => Math.ceil(x / multiple) * multiple;

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

interface WorkerLike {
  on(event: 'message' | 'error' | 'exit', listener: (value: unknown) => void): unknown;
  unref(): void;
  terminate(): Promise<number>;
}
type WorkerConstructor = new (code: string, options: { eval: true; workerData: unknown }) => WorkerLike;

function workerConstructor(): WorkerConstructor {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const threads = proc?.getBuiltinModule?.('node:worker_threads') as { Worker?: WorkerConstructor } | undefined;
  if (threads?.Worker === undefined) throw new Error('createWasmKernels({ threads: 2 }) needs Node worker_threads (process.getBuiltinModule)');
  return threads.Worker;
}

// Stops the worker of a kernel set that was garbage-collected without dispose().
const orphans = new FinalizationRegistry<() => void>((dispose) => dispose());

/**
 * A {@link KernelSet} running the three float32 matmul forms as a WebAssembly SIMD128 GEMM (packed panels, 4×12
 * register tile, cache blocking); float64 operands and tiny products fall back to {@link tsKernels}.
 * Each set owns one WebAssembly memory that grows to the largest product seen and is never shrunk: operands are
 * copied in, the result copied out, and nothing is allocated per call once a result size has been seen.
 * With `threads: 2`, large products are split between the caller and one worker thread (see {@link WasmKernelOptions}).
 * Throws if the runtime lacks SIMD128 (check {@link wasmSimdSupported} first).
 *
 * @example
 * const kernels = createWasmKernels();
 * const out = new Float32Array(2 * 2);
 * kernels.matmul(Float32Array.of(1, 2, 3, 4, 5, 6), Float32Array.of(1, 0, 0, 1, 1, 1), out, 2, 3, 2); // out = [4, 5, 10, 11]
 */
export function createWasmKernels(options: WasmKernelOptions = {}): WasmKernelSet {
  const minWork = Math.max(1, options.minWork ?? DEFAULT_MIN_WORK);
  const parallelMinWork = Math.max(1, options.parallelMinWork ?? DEFAULT_PARALLEL_MIN_WORK);
  const threaded = options.threads === 2;
  const bytes = decodeBase64(threaded ? GEMM_SHARED_WASM_BASE64 : GEMM_WASM_BASE64);
  const memory = threaded ? createSharedMemory(1, SHARED_MAX_PAGES) : undefined;
  const exports = memory === undefined ? instantiate(bytes) : instantiate(bytes, { env: { memory } });
  const wasmMemory: { readonly buffer: ArrayBufferLike; grow(pages: number): number } = memory ?? (exports.memory as WasmMemory);
  const gemm = exports.gemm as Gemm;
  const [mr, nr, mc, kc, nc] = ['mr', 'nr', 'mc', 'kc', 'nc'].map((name) => (exports[name] as WasmGlobal).value);
  const tileBytes = alignUp(mr * nr * 4);
  const scratch = 0;
  const workerScratch = tileBytes; // unused with 1 thread
  const cOffset = threaded ? 2 * tileBytes : tileBytes;
  let heap = new Float32Array(wasmMemory.buffer);
  const outViews = new Map<number, Float32Array>();

  // Growing detaches a non-shared buffer (a shared one only gets a longer successor), so views are rebuilt lazily.
  const reserve = (bytes: number): void => {
    const have = wasmMemory.buffer.byteLength;
    if (bytes <= have) return;
    wasmMemory.grow(Math.ceil((bytes - have) / WASM_PAGE_BYTES));
    heap = new Float32Array(wasmMemory.buffer);
    outViews.clear();
  };
  const outView = (length: number): Float32Array => {
    let view = outViews.get(length);
    if (view === undefined) {
      if (outViews.size >= MAX_CACHED_VIEWS) outViews.clear();
      view = heap.subarray(cOffset >> 2, (cOffset >> 2) + length);
      outViews.set(length, view);
    }
    return view;
  };
  const copyIn = (source: Float32Array, length: number, offset: number): void => {
    heap.set(source.length === length ? source : source.subarray(0, length), offset >> 2);
  };
  const packBytes = (m: number, k: number, n: number): [number, number] =>
    [alignUp(roundUp(Math.min(mc, m), mr) * Math.min(kc, k) * 4), alignUp(roundUp(Math.min(nc, n), nr) * Math.min(kc, k) * 4)];

  // The worker and its control block (2 threads only).
  const control = new Int32Array(threaded ? new SharedArrayBuffer(CONTROL_SLOTS * 4) : new ArrayBuffer(0));
  const chunk = threaded ? (new Function(`return ${CHUNK_SOURCE}`)() as Chunk) : undefined;
  let worker: WorkerLike | undefined;
  let tag = 0;
  let ready: Promise<void> = Promise.resolve();
  const stop = (): void => {
    if (worker === undefined) return;
    Atomics.store(control, STOP, 1);
    Atomics.add(control, NEXT, 1);
    Atomics.notify(control, NEXT);
    void worker.terminate().catch(() => undefined);
    worker = undefined;
  };
  if (threaded) {
    const Worker = workerConstructor();
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { bytes, memory, control: control.buffer } });
    worker = started;
    ready = new Promise<void>((resolve, reject) => {
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
  }

  /** Runs a product already in memory, split into chunks claimed by this thread and (if awake) the worker. */
  const parallel = (transA: number, transB: number, m: number, k: number, n: number, a: number, b: number, c: number,
    splitRows: number, size: number, count: number, packs: readonly number[]): void => {
    tag = (tag + 1) & 0xffffff;
    control.set([transA, transB, m, k, n, a, b, c, splitRows, size, count, packs[2], packs[3], workerScratch], JOB);
    Atomics.store(control, DONE, 0);
    Atomics.store(control, NEXT, tag << 6);
    Atomics.notify(control, NEXT, 1);
    for (;;) {
      const next = Atomics.load(control, NEXT);
      if ((next & 63) >= count) break;
      if (Atomics.compareExchange(control, NEXT, next, next + 1) !== next) continue;
      chunk!(gemm, transA, transB, m, k, n, a, b, c, splitRows, size, next & 63, packs[0], packs[1], scratch);
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

  // With 2 threads, products that are not split run on a private single-threaded set: copying into a shared
  // memory is slower, and the shared one then only grows for products the worker helps with.
  const local = threaded ? createWasmKernels({ minWork }) : undefined;

  const form = (transA: number, transB: number, fallback: MatmulKernel, name: 'matmul' | 'matmulTransB' | 'matmulTransA'): MatmulKernel =>
    (a: FloatArray, b: FloatArray, out: FloatArray, m: number, k: number, n: number): void => {
      if (!(a instanceof Float32Array && b instanceof Float32Array && out instanceof Float32Array) || m * k * n < minWork) {
        fallback(a, b, out, m, k, n);
        return;
      }
      // Split the longer output side into panels aligned to the register tile.
      const splitRows = m > n ? 1 : 0;
      const align = splitRows ? mr : nr;
      const length = splitRows ? m : n;
      const panels = Math.ceil(length / align);
      const size = Math.ceil(panels / Math.min(MAX_CHUNKS, panels)) * align;
      const count = Math.ceil(length / size);
      const split = worker !== undefined && k > 0 && m * k * n >= parallelMinWork && count > 1;
      if (local !== undefined && !split) {
        local[name](a, b, out, m, k, n);
        return;
      }
      const aOffset = cOffset + alignUp(m * n * 4);
      const bOffset = aOffset + alignUp(m * k * 4);
      const [packABytes, packBBytes] = split ? packBytes(splitRows ? size : m, k, splitRows ? n : size) : packBytes(m, k, n);
      const packA = bOffset + alignUp(k * n * 4);
      const packB = packA + packABytes;
      const end = packB + packBBytes + (split ? packABytes + packBBytes : 0);
      if (end > MAX_BYTES) {
        fallback(a, b, out, m, k, n);
        return;
      }
      reserve(end);
      copyIn(a, m * k, aOffset);
      copyIn(b, k * n, bOffset);
      if (split) {
        parallel(transA, transB, m, k, n, aOffset, bOffset, cOffset, splitRows, size, count,
          [packA, packB, packB + packBBytes, packB + packBBytes + packABytes]);
      } else {
        gemm(transA, transB, m, k, n, aOffset, transA ? m : k, bOffset, transB ? k : n, cOffset, n, packA, packB, scratch);
      }
      out.set(outView(m * n));
    };

  const kernels: WasmKernelSet = {
    name: 'wasm-simd',
    matmul: form(0, 0, tsKernels.matmul, 'matmul'),
    matmulTransB: form(0, 1, tsKernels.matmulTransB, 'matmulTransB'),
    matmulTransA: form(1, 0, tsKernels.matmulTransA, 'matmulTransA'),
    minWork,
    get threads() {
      return worker === undefined ? 1 : 2;
    },
    ready,
    workerChunks: () => (threaded ? Atomics.load(control, WORKER_CHUNKS) : 0),
    dispose: stop,
  };
  if (threaded) orphans.register(kernels, stop, kernels);
  return kernels;
}
