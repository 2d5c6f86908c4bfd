import type { FloatArray } from '../dtype.ts';
import { matmulKernel, matmulTransAKernel, matmulTransBKernel } from './matmul.kernel.ts';

/** A matrix-product kernel: writes an [m, n] result into `out`; operand layouts depend on the form. */
export type MatmulKernel = (a: FloatArray, b: FloatArray, out: FloatArray, m: number, k: number, n: number) => void;

/**
 * The swappable heavy kernels: the three product forms backprop needs.
 * A backend (pure TS, WASM SIMD) is a plain object of this type chosen by the caller; there is no global registry.
 */
export interface KernelSet {
  readonly name: string;
  /** out = a·b, a [m, k], b [k, n]. */
  readonly matmul: MatmulKernel;
  /** out = a·bᵀ, a [m, k], b [n, k]. */
  readonly matmulTransB: MatmulKernel;
  /** out = aᵀ·b, a [k, m], b [k, n]. */
  readonly matmulTransA: MatmulKernel;
  /**
   * Products with m·k·n below this are computed by the reference kernels of {@link tsKernels}, so a caller may
   * run those itself, fused with neighbouring work, and get the same numbers. @defaultValue 0 (no such promise)
   */
  readonly minWork?: number;
}

/** The reference kernels in plain TypeScript; work for float32 and float64. */
export const tsKernels: KernelSet = {
  name: 'ts',
  matmul: matmulKernel,
  matmulTransB: matmulTransBKernel,
  matmulTransA: matmulTransAKernel,
  minWork: Infinity,
};
