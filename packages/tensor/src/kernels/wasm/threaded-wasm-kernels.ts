// Node only (exported from @clearprop/tensor/node): the WASM GEMM that may split large products with a worker thread.
import { nodeWorkerHost } from './gemm-worker-host.ts';
import { createWasmKernelSet, type NodeWasmKernelOptions, type WasmKernelSet } from './wasm-kernel-set.ts';

/**
 * The portable `createWasmKernels` plus a second thread: with `threads: 2`, products with m·k·n ≥ `parallelMinWork`
 * are split over output panels between the caller and one worker_threads worker on a shared memory (the call stays
 * synchronous, results bit-identical to 1 thread); `'auto'` does so on a machine with 2 CPUs or more, starting the
 * worker at the first product large enough. Call `dispose()` when done (the worker never keeps the process alive).
 */
export function createWasmKernels(options: NodeWasmKernelOptions = {}): WasmKernelSet {
  return createWasmKernelSet(options, options.threads === undefined || options.threads === 1 ? undefined : nodeWorkerHost());
}
