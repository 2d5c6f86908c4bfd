// The GEMM module on one memory, shared by the 1-thread kernel set (wasm-kernels.ts) and the Node 2-thread one
// (threaded-wasm-kernels.ts): instantiation, the memory layout, growth, and copying operands in and the result out.
import type { FloatArray } from '../../dtype.ts';
import { instantiate, WASM_PAGE_BYTES, type WasmGlobal, type WasmMemory, type WasmSharedMemory } from './wasm-api.ts';

// c[m×n] = op(A)·op(B) on byte offsets into the module's memory, row strides in elements (see tools/gen-wasm-kernels.ts).
export type Gemm = (transA: number, transB: number, m: number, k: number, n: number, a: number, lda: number, b: number, ldb: number,
  c: number, ldc: number, packA: number, packB: number, scratch: number) => void;

/** Byte offsets of one product laid out in memory. */
export interface ProductLayout {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  /** Start of the packing buffers (`packBytes` of them). */
  readonly packs: number;
}

/** The GEMM instance, its blocking constants and its memory. */
export interface GemmMemory {
  readonly gemm: Gemm;
  /** Micro-tile rows and columns, and the cache blocks (exported by the module as globals). */
  readonly mr: number;
  readonly nr: number;
  /** Bytes of one scratch tile (each thread needs its own, at offset index · tileBytes). */
  readonly tileBytes: number;
  /** Packing-buffer bytes [packed A, packed B] for an m×k by k×n product. */
  packBytes(m: number, k: number, n: number): readonly [number, number];
  /**
   * Copies a [m·k] and b [k·n] into memory behind `scratchTiles` scratch tiles and C, with `packBytes` bytes for
   * packing after them, runs `compute` on that layout and copies C [m·n] into `out`. Returns false, touching
   * nothing, when the product would not fit in a 32-bit memory (the caller falls back to TS kernels).
   */
  run(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number, packBytes: number, compute: (layout: ProductLayout) => void): boolean;
}

// Offsets are i32 in the module; stay well inside the signed range so address arithmetic cannot wrap.
const MAX_BYTES = 2 ** 31 - WASM_PAGE_BYTES;
// Distinct output sizes whose memory views are cached; a training run uses a handful.
const MAX_CACHED_VIEWS = 64;

/** Rounds a byte count up to a 64-byte cache line. */
export const alignUp = (bytes: number): number => Math.ceil(bytes / 64) * 64;
const roundUp = (x: number, multiple: number): number => Math.ceil(x / multiple) * multiple;

/** Whether a product goes to the WASM module rather than the TS fallback: float32 operands and enough work. */
export const wantsWasm = (a: FloatArray, b: FloatArray, out: FloatArray, work: number, minWork: number): boolean =>
  a instanceof Float32Array && b instanceof Float32Array && out instanceof Float32Array && work >= minWork;

/**
 * Instantiates `bytes` on its own memory, or on `shared` (imported as env.memory), with `scratchTiles` scratch
 * tiles at the start of memory. Layout per product: [scratch tiles | C | A | B | packing buffers].
 */
export function gemmMemory(bytes: Uint8Array<ArrayBuffer>, scratchTiles: number, shared?: WasmSharedMemory): GemmMemory {
  const exports = shared === undefined ? instantiate(bytes) : instantiate(bytes, { env: { memory: shared } });
  const memory: { readonly buffer: ArrayBufferLike; grow(pages: number): number } = shared ?? (exports.memory as WasmMemory);
  const [mr, nr, mc, kc, nc] = ['mr', 'nr', 'mc', 'kc', 'nc'].map((name) => (exports[name] as WasmGlobal).value);
  const tileBytes = alignUp(mr * nr * 4);
  const c = scratchTiles * tileBytes;
  let heap = new Float32Array(memory.buffer);
  const outViews = new Map<number, Float32Array>();

  // Growing detaches a non-shared buffer (a shared one only gets a longer successor), so views are rebuilt lazily.
  const reserve = (bytes: number): void => {
    const have = memory.buffer.byteLength;
    if (bytes <= have) return;
    memory.grow(Math.ceil((bytes - have) / WASM_PAGE_BYTES));
    heap = new Float32Array(memory.buffer);
    outViews.clear();
  };
  // C's offset is fixed, so a view per result length is reused and nothing is allocated per call.
  const outView = (length: number): Float32Array => {
    let view = outViews.get(length);
    if (view === undefined) {
      if (outViews.size >= MAX_CACHED_VIEWS) outViews.clear();
      view = heap.subarray(c >> 2, (c >> 2) + length);
      outViews.set(length, view);
    }
    return view;
  };
  const copyIn = (source: Float32Array, length: number, offset: number): void => {
    heap.set(source.length === length ? source : source.subarray(0, length), offset >> 2);
  };

  return {
    gemm: exports.gemm as Gemm,
    mr,
    nr,
    tileBytes,
    packBytes: (m, k, n) => [alignUp(roundUp(Math.min(mc, m), mr) * Math.min(kc, k) * 4), alignUp(roundUp(Math.min(nc, n), nr) * Math.min(kc, k) * 4)],
    run(a, b, out, m, k, n, packBytes, compute) {
      const layout = { c, a: c + alignUp(m * n * 4), b: 0, packs: 0 };
      layout.b = layout.a + alignUp(m * k * 4);
      layout.packs = layout.b + alignUp(k * n * 4);
      if (layout.packs + packBytes > MAX_BYTES) return false;
      reserve(layout.packs + packBytes);
      copyIn(a, m * k, layout.a);
      copyIn(b, k * n, layout.b);
      compute(layout);
      out.set(outView(m * n));
      return true;
    },
  };
}
