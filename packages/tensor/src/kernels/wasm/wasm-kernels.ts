import type { FloatArray } from '../../dtype.ts';
import { tsKernels, type KernelSet, type MatmulKernel } from '../kernel-set.ts';
import { GEMM_WASM_BASE64 } from './gemm.wasm.ts';
import { decodeBase64 } from './wasm-api.ts';
import { gemmMemory, wantsWasm } from './wasm-gemm.ts';

/** Options for {@link createWasmKernels}. */
export interface WasmKernelOptions {
  /**
   * Products with m·k·n below this run on the TS kernels, where copying into WASM memory costs more than it saves.
   * @defaultValue 128
   */
  readonly minWork?: number;
}

/** The kernel set of {@link createWasmKernels} (and of the 2-thread one in `@clearprop/tensor/node`). */
export interface WasmKernelSet extends KernelSet {
  /** Threads a large product may use: 1, or 2 (Node `threads: 2` set) until {@link dispose} or a worker failure. */
  readonly threads: 1 | 2;
  /** Resolves once a worker is running (at once with 1 thread). Until then products run on the caller alone. */
  readonly ready: Promise<void>;
  /** Output panels computed by the worker so far (diagnostics and tests; 0 with 1 thread). */
  workerChunks(): number;
  /** Stops the worker, if any; the set keeps working on the calling thread. Idempotent; a no-op with 1 thread. */
  dispose(): void;
}

const DEFAULT_MIN_WORK = 128;

/**
 * A {@link KernelSet} running the three float32 matmul forms as a WebAssembly SIMD128 GEMM (packed panels, 4×12
 * register tile, cache blocking) on the calling thread; float64 operands and tiny products fall back to
 * {@link tsKernels}. Runs wherever WebAssembly SIMD128 does (Node, browsers, workers).
 * Each set owns one WebAssembly memory that grows to the largest product seen and is never shrunk: operands are
 * copied in, the result copied out, and nothing is allocated per call once a result size has been seen.
 * Throws if the runtime lacks SIMD128 (check {@link wasmSimdSupported} first). For 2 threads in Node, see
 * `createWasmKernels` in `@clearprop/tensor/node`.
 *
 * @example
 * const kernels = createWasmKernels();
 * const out = new Float32Array(2 * 2);
 * kernels.matmul(Float32Array.of(1, 2, 3, 4, 5, 6), Float32Array.of(1, 0, 0, 1, 1, 1), out, 2, 3, 2); // out = [4, 5, 10, 11]
 */
export function createWasmKernels(options: WasmKernelOptions = {}): WasmKernelSet {
  const minWork = Math.max(1, options.minWork ?? DEFAULT_MIN_WORK);
  const memory = gemmMemory(decodeBase64(GEMM_WASM_BASE64), 1);
  const form = (transA: number, transB: number, fallback: MatmulKernel): MatmulKernel =>
    (a: FloatArray, b: FloatArray, out: FloatArray, m: number, k: number, n: number): void => {
      if (!wantsWasm(a, b, out, m * k * n, minWork)) return fallback(a, b, out, m, k, n);
      const [packA, packB] = memory.packBytes(m, k, n);
      const ran = memory.run(a as Float32Array, b as Float32Array, out as Float32Array, m, k, n, packA + packB, (at) =>
        memory.gemm(transA, transB, m, k, n, at.a, transA ? m : k, at.b, transB ? k : n, at.c, n, at.packs, at.packs + packA, 0));
      if (!ran) fallback(a, b, out, m, k, n);
    };
  return {
    name: 'wasm-simd',
    matmul: form(0, 0, tsKernels.matmul),
    matmulTransB: form(0, 1, tsKernels.matmulTransB),
    matmulTransA: form(1, 0, tsKernels.matmulTransA),
    minWork,
    threads: 1,
    ready: Promise.resolve(),
    workerChunks: () => 0,
    dispose: () => undefined,
  };
}
