// @clearprop/tensor/node: additions that need Node (worker_threads). Everything else is in the portable root entry.
export type { NodeWasmKernelOptions } from './kernels/wasm/wasm-kernel-set.ts';
export { createWasmKernels } from './kernels/wasm/threaded-wasm-kernels.ts';
