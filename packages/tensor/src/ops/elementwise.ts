import { allocate } from '../dtype.ts';
import { mapKernel, zipKernel } from '../kernels/broadcast.kernel.ts';
import { assertSameShape } from '../shape.ts';
import { fromData, type Tensor } from '../tensor.ts';

/** Applies f to every element. Shapes: x [...] → [...]. */
export function map(x: Tensor, f: (v: number) => number): Tensor {
  const out = allocate(x.dtype, x.data.length);
  mapKernel(x.data, out, out.length, f);
  return fromData(out, x.shape);
}

/** Combines two same-shape tensors element by element. Throws ShapeError naming both shapes if they differ. */
export function zip(a: Tensor, b: Tensor, f: (x: number, y: number) => number, what = 'zip'): Tensor {
  assertSameShape(a.shape, b.shape, what);
  if (a.dtype !== b.dtype) throw new TypeError(`${what}: dtypes differ (${a.dtype} and ${b.dtype})`);
  const out = allocate(a.dtype, a.data.length);
  zipKernel(a.data, b.data, out, out.length, f);
  return fromData(out, a.shape);
}

/** Element-wise a + b (same shapes). */
export const add = (a: Tensor, b: Tensor): Tensor => zip(a, b, (x, y) => x + y, 'add');
/** Element-wise a − b (same shapes). */
export const sub = (a: Tensor, b: Tensor): Tensor => zip(a, b, (x, y) => x - y, 'sub');
/** Element-wise a ⊙ b (Hadamard product, same shapes). */
export const mul = (a: Tensor, b: Tensor): Tensor => zip(a, b, (x, y) => x * y, 'mul');
/** s · x. */
export const scale = (x: Tensor, s: number): Tensor => map(x, (v) => v * s);
