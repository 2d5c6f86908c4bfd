import { tsKernels, wasmSimdSupported, type KernelSet } from '@clearprop/tensor';
import { createWasmKernels } from '@clearprop/tensor/node';
import { UsageError } from './exit-codes.ts';

/** The `--kernels` choices: the TypeScript reference, WASM SIMD, or WASM SIMD on two threads for large products. */
export type KernelChoice = 'ts' | 'wasm' | 'wasm2';

/**
 * The kernel set for a `--kernels` flag, or undefined for the library default (the fastest available).
 * Throws UsageError when WASM is asked for on a Node without WebAssembly SIMD.
 */
export function kernelsFor(choice: KernelChoice | undefined): KernelSet | undefined {
  if (choice === undefined) return undefined;
  if (choice === 'ts') return tsKernels;
  if (!wasmSimdSupported()) throw new UsageError(`--kernels ${choice}: this Node has no WebAssembly SIMD; use --kernels ts`);
  return createWasmKernels(choice === 'wasm2' ? { threads: 2 } : {});
}
