import type { FloatArray } from '../../dtype.ts';
import { tsKernels, type KernelSet, type MatmulKernel } from '../kernel-set.ts';
import { GEMM_SHARED_WASM_BASE64 } from './gemm-shared.wasm.ts';
import { GEMM_WASM_BASE64 } from './gemm.wasm.ts';
import { moduleTiles, PROBE_SHAPE, probeTiles, type GemmTile } from './gemm-tiles.ts';
import { CHUNK_SOURCE, WORKER_LIMITS, CONTROL_SLOTS, DONE, ERROR, JOB, NEXT, STOP, WORKER_CHUNKS, type Chunk, type WorkerHost, type WorkerLike } from './gemm-worker.ts';
import { createSharedMemory, decodeBase64, instantiate, WASM_PAGE_BYTES, type WasmMemory } from './wasm-api.ts';

/** Options for `createWasmKernels` (portable, one thread). */
export interface WasmKernelOptions {
  /**
   * Products with m·k·n below this run on the TS kernels, where copying into WASM memory costs more than it saves.
   * @defaultValue 128
   */
  readonly minWork?: number;
  /**
   * The register tile of the GEMM ('4x12', '5x8' or '2x16'). All tiles give bit-identical results; which is
   * fastest depends on the machine (vector registers, pipes), so by default each is timed on a small product at
   * the first product that reaches WASM, and the fastest is kept for the process.
   * @defaultValue the probed fastest
   */
  readonly tile?: string;
  /**
   * The clock the tile probe reads, in milliseconds.
   * @defaultValue performance.now
   */
  readonly now?: () => number;
}

/** Options of the Node kernel set (`@clearprop/tensor/node`): the portable ones plus a second thread. */
export interface NodeWasmKernelOptions extends WasmKernelOptions {
  /**
   * 2: products with m·k·n ≥ `parallelMinWork` are split over output panels between the calling thread and one
   * worker thread sharing the module's memory (Node only; the call stays synchronous). Results are bit-identical
   * to 1 thread. Call {@link WasmKernelSet.dispose} when done (the worker never keeps the process alive anyway).
   * 'auto': the same where Node's worker_threads exist and the machine has at least 2 CPUs, else 1 thread; the
   * worker starts at the first product that is split (so small nets never start one) and joins once running.
   * A busy second core costs little: panels are claimed one at a time, so the caller takes over what the worker
   * does not get to (W2 under a load average of 14 on 2 cores: 11.5–12.5 s → 4.3–5.5 s wall).
   * @defaultValue 1
   */
  readonly threads?: 1 | 2 | 'auto';
  /**
   * With 2 threads, the smallest m·k·n that is split between the threads; smaller products stay on the caller.
   * @defaultValue 2²¹ (128³; measured break-even on 2 cores: about 2·10⁶)
   */
  readonly parallelMinWork?: number;
}

/** The kernel set of `createWasmKernels` (and of the 2-thread one in `@clearprop/tensor/node`). */
export interface WasmKernelSet extends KernelSet {
  /** Threads a large product may use: 1, or 2 until {@link dispose} (or a worker failure) drops back to 1. With 'auto', 2 before the worker has started. */
  readonly threads: 1 | 2;
  /**
   * Resolves once the worker is running (at once with 1 thread). Until then products run on the caller alone.
   * With 'auto', resolved until the worker starts, then replaced by the promise of its start.
   */
  readonly ready: Promise<void>;
  /** Output panels computed by the worker so far (diagnostics and tests; 0 with 1 thread). */
  workerChunks(): number;
  /** The register tile products use (see {@link WasmKernelOptions.tile}); probes first if none is chosen yet. */
  tile(): string;
  /** Stops the worker; the set keeps working on the calling thread. Idempotent; a no-op with 1 thread. */
  dispose(): void;
}

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

// The tile the probe picked, kept for the process (the one cache here, like nn's compiled steps): the probe costs
// tens of milliseconds, its answer is a property of the machine, and every tile gives the same bits anyway.
let probedTile: string | undefined;

// Stops the worker of a kernel set that was garbage-collected without dispose().
const orphans = new FinalizationRegistry<() => void>((dispose) => dispose());

/**
 * A {@link KernelSet} running the three float32 matmul forms as a WebAssembly SIMD128 GEMM (packed panels, the
 * probed register tile, cache blocking); float64 operands and tiny products fall back to {@link tsKernels}.
 * Each set owns one WebAssembly memory that grows to the largest product seen and is never shrunk: operands are
 * copied in, the result copied out, and nothing is allocated per call once a result size has been seen.
 * With `threads: 2` (and a host: the Node entry's), large products are split between the caller and one worker
 * thread (see {@link NodeWasmKernelOptions}). Throws if the runtime lacks SIMD128 (check `wasmSimdSupported` first).
 */
export function createWasmKernelSet(options: NodeWasmKernelOptions, host: WorkerHost | undefined): WasmKernelSet {
  const minWork = Math.max(1, options.minWork ?? DEFAULT_MIN_WORK);
  const parallelMinWork = Math.max(1, options.parallelMinWork ?? DEFAULT_PARALLEL_MIN_WORK);
  if (options.threads === 2 && host === undefined) throw new Error('createWasmKernels({ threads: 2 }) needs Node worker_threads: use createWasmKernels from @clearprop/tensor/node');
  const auto = options.threads === 'auto' && host !== undefined && host.cpus() >= 2;
  const threaded = options.threads === 2 || auto;
  const bytes = decodeBase64(threaded ? GEMM_SHARED_WASM_BASE64 : GEMM_WASM_BASE64);
  const memory = threaded ? createSharedMemory(1, SHARED_MAX_PAGES) : undefined;
  const exports = memory === undefined ? instantiate(bytes) : instantiate(bytes, { env: { memory } });
  const wasmMemory: { readonly buffer: ArrayBufferLike; grow(pages: number): number } = memory ?? (exports.memory as WasmMemory);
  const tiles = moduleTiles(exports);
  const kc = (exports.kc as { readonly value: number }).value;
  let tile = options.tile === undefined ? undefined : tiles.find((t) => t.name === options.tile);
  if (options.tile !== undefined && tile === undefined) throw new RangeError(`createWasmKernels: unknown tile "${options.tile}"; expected one of ${tiles.map((t) => t.name).join(', ')}`);
  const now = options.now ?? (() => performance.now());
  const tileBytes = alignUp(Math.max(...tiles.map(({ mr, nr }) => mr * nr)) * 4);
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
  const packBytes = ({ mr, nr, mc, nc }: GemmTile, m: number, k: number, n: number): [number, number] =>
    [alignUp(roundUp(Math.min(mc, m), mr) * Math.min(kc, k) * 4), alignUp(roundUp(Math.min(nc, n), nr) * Math.min(kc, k) * 4)];

  // Times every tile on PROBE_SHAPE (a·b, operands of a fixed pattern: the values do not change the speed).
  const probe = (): GemmTile => {
    const [m, k, n] = PROBE_SHAPE;
    const aOffset = cOffset + alignUp(m * n * 4);
    const bOffset = aOffset + alignUp(m * k * 4);
    const packA = bOffset + alignUp(k * n * 4);
    const packs = tiles.map((t) => packBytes(t, m, k, n));
    const packB = packA + Math.max(...packs.map(([a]) => a));
    reserve(packB + Math.max(...packs.map(([, b]) => b)));
    for (let i = 0; i < m * k + k * n; i++) heap[(aOffset >> 2) + i] = ((i % 13) - 6) * 0.125;
    return probeTiles(tiles, (t) => t.gemm(0, 0, m, k, n, aOffset, k, bOffset, n, cOffset, n, packA, packB, scratch), now);
  };
  const chosenTile = (): GemmTile => {
    if (tile === undefined) {
      probedTile ??= probe().name;
      tile = tiles.find((t) => t.name === probedTile) ?? tiles[0];
    }
    return tile;
  };

  // The worker and its control block (2 threads only).
  const control = new Int32Array(threaded ? new SharedArrayBuffer(CONTROL_SLOTS * 4) : new ArrayBuffer(0));
  const chunk = threaded ? (new Function(`return ${CHUNK_SOURCE}`)() as Chunk) : undefined;
  let worker: WorkerLike | undefined;
  // `threads` is a data property kept in step with `worker`, not a getter: each getter is a new closure, so every
  // set would get its own hidden class, and the objects holding a set (each run's engine) a new one per run too,
  // throwing the training loop's optimized code away run after run (W1: ~40 → ~80 ms CPU for runs 9–13).
  let self: { threads: 1 | 2; ready: Promise<void> } | undefined;
  const setWorker = (next: WorkerLike | undefined): void => {
    worker = next;
    if (self !== undefined) self.threads = next === undefined ? 1 : 2;
  };
  let tag = 0;
  let ready: Promise<void> = Promise.resolve();
  // 'auto' starts its worker at the first split product; never again once stopped or failed.
  let mayStart = auto;
  const stop = (): void => {
    mayStart = false;
    if (self !== undefined && worker === undefined) self.threads = 1;
    if (worker === undefined) return;
    Atomics.store(control, STOP, 1);
    Atomics.add(control, NEXT, 1);
    Atomics.notify(control, NEXT);
    void worker.terminate().catch(() => undefined);
    setWorker(undefined);
  };
  const startWorker = (): void => {
    mayStart = false;
    const { Worker, source } = host as WorkerHost; // `threaded` implies a host
    const started = new Worker(source, { eval: true, workerData: { bytes, memory, control: control.buffer, tiles: tiles.map((t) => t.name) }, resourceLimits: WORKER_LIMITS });
    setWorker(started);
    ready = new Promise<void>((resolve, reject) => {
      started.on('message', () => {
        // Referenced until running, so `await kernels.ready` holds the process; idle afterwards, it never does.
        // (Unref only after adding listeners: a 'message' listener added to an unref'd worker refs it again.)
        started.unref();
        resolve();
      });
      started.on('error', (error) => {
        if (worker === started) setWorker(undefined); // never started or crashed: carry on single-threaded
        reject(error instanceof Error ? error : new Error(String(error)));
      });
      started.on('exit', () => {
        if (worker === started) setWorker(undefined);
        resolve();
      });
    });
    ready.catch(() => undefined);
    if (self !== undefined) self.ready = ready;
  };
  if (threaded && !auto) startWorker();

  /** Runs a product already in memory, split into chunks claimed by this thread and (if awake) the worker. */
  const parallel = (use: GemmTile, transA: number, transB: number, m: number, k: number, n: number, a: number, b: number, c: number,
    splitRows: number, size: number, count: number, packs: readonly number[]): void => {
    tag = (tag + 1) & 0xffffff;
    control.set([transA, transB, m, k, n, a, b, c, splitRows, size, count, packs[2], packs[3], workerScratch, tiles.indexOf(use)], JOB);
    Atomics.store(control, DONE, 0);
    Atomics.store(control, NEXT, tag << 6);
    Atomics.notify(control, NEXT, 1);
    for (;;) {
      const next = Atomics.load(control, NEXT);
      if ((next & 63) >= count) break;
      if (Atomics.compareExchange(control, NEXT, next, next + 1) !== next) continue;
      chunk!(use.gemm, transA, transB, m, k, n, a, b, c, splitRows, size, next & 63, packs[0], packs[1], scratch);
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
  const local = threaded ? createWasmKernelSet({ minWork, ...(options.tile === undefined ? {} : { tile: options.tile }), now }, undefined) : undefined;

  const form = (transA: number, transB: number, fallback: MatmulKernel, name: 'matmul' | 'matmulTransB' | 'matmulTransA'): MatmulKernel =>
    (a: FloatArray, b: FloatArray, out: FloatArray, m: number, k: number, n: number): void => {
      if (!(a instanceof Float32Array && b instanceof Float32Array && out instanceof Float32Array) || m * k * n < minWork) {
        fallback(a, b, out, m, k, n);
        return;
      }
      const use = chosenTile();
      const { mr, nr } = use;
      // Split the longer output side into panels aligned to the register tile.
      const splitRows = m > n ? 1 : 0;
      const align = splitRows ? mr : nr;
      const length = splitRows ? m : n;
      const panels = Math.ceil(length / align);
      const size = Math.ceil(panels / Math.min(MAX_CHUNKS, panels)) * align;
      const count = Math.ceil(length / size);
      const large = k > 0 && m * k * n >= parallelMinWork && count > 1;
      if (large && mayStart) startWorker();
      const split = worker !== undefined && large;
      if (local !== undefined && !split) {
        local[name](a, b, out, m, k, n);
        return;
      }
      const aOffset = cOffset + alignUp(m * n * 4);
      const bOffset = aOffset + alignUp(m * k * 4);
      const [packABytes, packBBytes] = split ? packBytes(use, splitRows ? size : m, k, splitRows ? n : size) : packBytes(use, m, k, n);
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
        parallel(use, transA, transB, m, k, n, aOffset, bOffset, cOffset, splitRows, size, count,
          [packA, packB, packB + packBBytes, packB + packBBytes + packABytes]);
      } else {
        use.gemm(transA, transB, m, k, n, aOffset, transA ? m : k, bOffset, transB ? k : n, cOffset, n, packA, packB, scratch);
      }
      out.set(outView(m * n));
    };

  const kernels: WasmKernelSet & { threads: 1 | 2; ready: Promise<void> } = {
    name: 'wasm-simd',
    matmul: form(0, 0, tsKernels.matmul, 'matmul'),
    matmulTransB: form(0, 1, tsKernels.matmulTransB, 'matmulTransB'),
    matmulTransA: form(1, 0, tsKernels.matmulTransA, 'matmulTransA'),
    minWork,
    threads: worker === undefined && !mayStart ? 1 : 2,
    ready,
    workerChunks: () => (threaded ? Atomics.load(control, WORKER_CHUNKS) : 0),
    tile: () => chosenTile().name,
    dispose: stop,
  };
  self = kernels;
  if (threaded) orphans.register(kernels, stop, kernels);
  return kernels;
}
