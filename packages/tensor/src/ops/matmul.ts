import { allocate } from '../dtype.ts';
import { tsKernels, type KernelSet } from '../kernels/kernel-set.ts';
import { assertMatrix, formatShape, ShapeError } from '../shape.ts';
import { fromData, type Tensor } from '../tensor.ts';

/** Options for matmul. */
export interface MatmulOptions {
  /** Use aᵀ instead of a. @defaultValue false */
  readonly transposeA?: boolean;
  /** Use bᵀ instead of b. @defaultValue false */
  readonly transposeB?: boolean;
  /** Kernel backend. @defaultValue tsKernels */
  readonly kernels?: KernelSet;
}

/**
 * Matrix product op(a)·op(b) where op is identity or transpose.
 * Shapes: op(a) [m, k] · op(b) [k, n] → [m, n]. Throws ShapeError naming both shapes if the inner sizes differ
 * or the dtypes differ. Both transposes at once is not a backprop form and is rejected.
 */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  const { transposeA = false, transposeB = false, kernels = tsKernels } = options;
  const [ar, ac] = assertMatrix(a.shape, 'matmul a');
  const [br, bc] = assertMatrix(b.shape, 'matmul b');
  if (transposeA && transposeB) throw new ShapeError('matmul: aᵀ·bᵀ is not supported; transpose the product instead', a.shape, b.shape);
  const [m, ka] = transposeA ? [ac, ar] : [ar, ac];
  const [kb, n] = transposeB ? [bc, br] : [br, bc];
  const form = `${transposeA ? 'aᵀ' : 'a'}·${transposeB ? 'bᵀ' : 'b'}`;
  if (ka !== kb) {
    throw new ShapeError(`matmul ${form}: inner sizes differ, a ${formatShape(a.shape)} and b ${formatShape(b.shape)}`, a.shape, b.shape);
  }
  if (a.dtype !== b.dtype) throw new TypeError(`matmul: dtypes differ (${a.dtype} and ${b.dtype}); convert one with clone()`);
  const out = allocate(a.dtype, m * n);
  const kernel = transposeA ? kernels.matmulTransA : transposeB ? kernels.matmulTransB : kernels.matmul;
  kernel(a.data, b.data, out, m, ka, n);
  return fromData(out, [m, n]);
}
