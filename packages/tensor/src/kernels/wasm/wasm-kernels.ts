import type { FloatArray } from '../../dtype.ts';
import { tsKernels, type KernelSet, type MatmulKernel } from '../kernel-set.ts';
import { GEMM_WASM_BASE64 } from './gemm.wasm.ts';
import { instantiate, WASM_PAGE_BYTES, type WasmGlobal, type WasmMemory } from './wasm-api.ts';

/** Options for {@link createWasmKernels}. */
export interface WasmKernelOptions {
  /**
   * Products with m·k·n below this run on the TS kernels, where copying into WASM memory costs more than it saves.
   * @defaultValue 128
   */
  readonly minWork?: number;
}

// c[m×n] = op(A)·op(B) on byte offsets into the module's memory (see tools/gen-wasm-kernels.ts).
type Gemm = (transA: number, transB: number, m: number, k: number, n: number, a: number, b: number, c: number,
  packA: number, packB: number, scratch: number) => void;

const DEFAULT_MIN_WORK = 128;
// Offsets are i32 in the module; stay well inside the signed range so address arithmetic cannot wrap.
const MAX_BYTES = 2 ** 31 - WASM_PAGE_BYTES;
// Distinct output sizes whose memory views are cached; a training run uses a handful.
const MAX_CACHED_VIEWS = 64;

const alignUp = (bytes: number): number => Math.ceil(bytes / 64) * 64;
const roundUp = (x: number, multiple: number): number => Math.ceil(x / multiple) * multiple;

/**
 * A {@link KernelSet} running the three float32 matmul forms as a WebAssembly SIMD128 GEMM (packed panels, 4×12
 * register tile, cache blocking); float64 operands and tiny products fall back to {@link tsKernels}.
 * Each set owns one WebAssembly memory that grows to the largest product seen and is never shrunk: operands are
 * copied in, the result copied out, and nothing is allocated per call once a result size has been seen.
 * Throws if the runtime lacks SIMD128 (check {@link wasmSimdSupported} first).
 *
 * @example
 * const kernels = createWasmKernels();
 * const out = new Float32Array(2 * 2);
 * kernels.matmul(Float32Array.of(1, 2, 3, 4, 5, 6), Float32Array.of(1, 0, 0, 1, 1, 1), out, 2, 3, 2); // out = [4, 5, 10, 11]
 */
export function createWasmKernels(options: WasmKernelOptions = {}): KernelSet {
  const minWork = Math.max(1, options.minWork ?? DEFAULT_MIN_WORK);
  const exports = instantiate(GEMM_WASM_BASE64);
  const memory = exports.memory as WasmMemory;
  const gemm = exports.gemm as Gemm;
  const [mr, nr, mc, kc, nc] = ['mr', 'nr', 'mc', 'kc', 'nc'].map((name) => (exports[name] as WasmGlobal).value);
  const scratch = 0;
  const cOffset = alignUp(mr * nr * 4);
  let heap = new Float32Array(memory.buffer);
  const outViews = new Map<number, Float32Array>();

  // Growing detaches the old buffer, so every view over it is rebuilt lazily from the new one.
  const reserve = (bytes: number): void => {
    const have = memory.buffer.byteLength;
    if (bytes <= have) return;
    memory.grow(Math.ceil((bytes - have) / WASM_PAGE_BYTES));
    heap = new Float32Array(memory.buffer);
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

  const form = (transA: number, transB: number, fallback: MatmulKernel): MatmulKernel =>
    (a: FloatArray, b: FloatArray, out: FloatArray, m: number, k: number, n: number): void => {
      if (!(a instanceof Float32Array && b instanceof Float32Array && out instanceof Float32Array) || m * k * n < minWork) {
        fallback(a, b, out, m, k, n);
        return;
      }
      const aOffset = cOffset + alignUp(m * n * 4);
      const bOffset = aOffset + alignUp(m * k * 4);
      const packA = bOffset + alignUp(k * n * 4);
      const packB = packA + alignUp(roundUp(Math.min(mc, m), mr) * Math.min(kc, k) * 4);
      const end = packB + roundUp(Math.min(nc, n), nr) * Math.min(kc, k) * 4;
      if (end > MAX_BYTES) {
        fallback(a, b, out, m, k, n);
        return;
      }
      reserve(end);
      copyIn(a, m * k, aOffset);
      copyIn(b, k * n, bOffset);
      gemm(transA, transB, m, k, n, aOffset, bOffset, cOffset, packA, packB, scratch);
      out.set(outView(m * n));
    };

  return {
    name: 'wasm-simd',
    matmul: form(0, 0, tsKernels.matmul),
    matmulTransB: form(0, 1, tsKernels.matmulTransB),
    matmulTransA: form(1, 0, tsKernels.matmulTransA),
    minWork,
  };
}
