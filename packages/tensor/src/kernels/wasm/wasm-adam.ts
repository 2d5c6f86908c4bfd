import { ADAM_WASM_BASE64 } from './adam.wasm.ts';
import { decodeBase64, instantiate, WASM_PAGE_BYTES, type WasmMemory } from './wasm-api.ts';

/**
 * Adam's update of one float32 leaf, in place: μ ← b1·μ + (1−b1)·g, ν ← b2·ν + (1−b2)·g²,
 * u ← (μ·inverse1) / (√(ν·inverse2) + eps), g ← factor·u. `scalars` = [b1, b2, eps, inverse1, inverse2, factor]
 * (float64): all but the factor are used rounded to float32, and the last product is float32 u times the float64
 * factor, rounded once (what a separate float64 scaling pass over the stored u computes). With `params`, also
 * p ← p + g in float32, the update applied in the same pass (what an addition pass over the stored g computes).
 * Shapes: g, mu, nu, params [n].
 */
export type AdamKernel = (g: Float32Array, mu: Float32Array, nu: Float32Array, scalars: Float64Array, params?: Float32Array) => void;

type Adam = (g: number, mu: number, nu: number, n: number, scalars: number, params: number) => void;

// Distinct leaf lengths whose memory views are cached; a model has a handful (a weight and a bias per layer).
const MAX_CACHED_VIEWS = 64;
// The scalars area in floats: 8 f32 (adam.wat), the f64 factor, padding to keep the leaves 16-byte aligned.
const SCALARS = 12;

/**
 * An {@link AdamKernel} in WebAssembly SIMD128 (adam.wat): four elements per instruction, in float32 arithmetic,
 * where the JS loop computes in float64 and rounds each stored value (so results differ from it by an ulp or so,
 * documented and tested). In float64 the three divisions-or-roots per weight made Adam a third of a small net's
 * training step. The leaf is copied into the kernel's own memory and back (grown to the largest leaf, never
 * shrunk); nothing is allocated per call once a leaf length has been seen. Throws without SIMD128 (check
 * `wasmSimdSupported()` first).
 */
export function createWasmAdamKernel(): AdamKernel {
  const exports = instantiate(decodeBase64(ADAM_WASM_BASE64));
  const memory = exports.memory as WasmMemory;
  const adam = exports.adam as Adam;
  let heap = new Float32Array(memory.buffer);
  let factor = new Float64Array(memory.buffer, 32, 1);
  const views = new Map<number, readonly [Float32Array, Float32Array, Float32Array, Float32Array]>();
  // Layout: [scalars | g | mu | nu | params], each leaf part rounded up to 16 bytes.
  const viewsFor = (n: number): readonly [Float32Array, Float32Array, Float32Array, Float32Array] => {
    let cached = views.get(n);
    if (cached === undefined) {
      const stride = Math.ceil(n / 4) * 4;
      const bytes = (SCALARS + 4 * stride) * 4;
      if (bytes > memory.buffer.byteLength) {
        memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / WASM_PAGE_BYTES));
        heap = new Float32Array(memory.buffer); // growing detached the old buffer and every view on it
        factor = new Float64Array(memory.buffer, 32, 1);
        views.clear();
      }
      if (views.size >= MAX_CACHED_VIEWS) views.clear();
      const part = (index: number) => heap.subarray(SCALARS + index * stride, SCALARS + index * stride + n);
      cached = [part(0), part(1), part(2), part(3)] as const;
      views.set(n, cached);
    }
    return cached;
  };
  return (g, mu, nu, scalars, params) => {
    const n = g.length;
    const views = viewsFor(n);
    heap[0] = scalars[0];
    heap[1] = scalars[1];
    heap[2] = scalars[2];
    heap[3] = scalars[3];
    heap[4] = scalars[4];
    // 1 − b computed in float64, then rounded: as close to the float64 loop's (1 − b1)·g as float32 allows.
    heap[5] = 1 - scalars[0];
    heap[6] = 1 - scalars[1];
    factor[0] = scalars[5];
    views[0].set(g);
    views[1].set(mu);
    views[2].set(nu);
    if (params !== undefined) views[3].set(params);
    const stride = Math.ceil(n / 4) * 4;
    adam(SCALARS * 4, (SCALARS + stride) * 4, (SCALARS + 2 * stride) * 4, n, 0, params === undefined ? 0 : (SCALARS + 3 * stride) * 4);
    g.set(views[0]);
    mu.set(views[1]);
    nu.set(views[2]);
    if (params !== undefined) params.set(views[3]);
  };
}
