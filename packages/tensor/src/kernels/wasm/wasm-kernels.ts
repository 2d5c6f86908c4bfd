import { createWasmKernelSet, type WasmKernelOptions, type WasmKernelSet } from './wasm-kernel-set.ts';

export type { NodeWasmKernelOptions, WasmKernelOptions, WasmKernelSet } from './wasm-kernel-set.ts';

/**
 * A kernel set running the three float32 matmul forms as a WebAssembly SIMD128 GEMM on the calling thread (the
 * fastest register tile is probed once per process); float64 operands and tiny products fall back to the TS
 * kernels. Runs wherever WebAssembly SIMD128 does (Node, browsers, workers). For a second thread in Node, see
 * `createWasmKernels` in `@clearprop/tensor/node`. Throws if the runtime lacks SIMD128 (check wasmSimdSupported).
 *
 * @example
 * const kernels = createWasmKernels();
 * const out = new Float32Array(2 * 2);
 * kernels.matmul(Float32Array.of(1, 2, 3, 4, 5, 6), Float32Array.of(1, 0, 0, 1, 1, 1), out, 2, 3, 2); // out = [4, 5, 10, 11]
 */
export function createWasmKernels(options: WasmKernelOptions = {}): WasmKernelSet {
  return createWasmKernelSet(options, undefined);
}
