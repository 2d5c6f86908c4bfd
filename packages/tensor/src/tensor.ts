import { allocate, dtypeOf, type DType, type FloatArray } from './dtype.ts';
import { assertValidShape, formatShape, ShapeError, size, type Shape } from './shape.ts';

/**
 * A dense, contiguous, row-major n-d array of float32 (or float64 for checks).
 * Treated as immutable by every op: ops return new tensors, kernels write only into buffers the caller owns.
 */
export interface Tensor {
  readonly shape: Shape;
  readonly data: FloatArray;
  readonly dtype: DType;
}

/** Options for tensor constructors. */
export interface TensorOptions {
  /** @defaultValue 'float32' */
  readonly dtype?: DType;
}

/** Wraps (copies) `values` as a tensor of `shape`. Throws ShapeError if the element count does not match. */
export function tensor(values: ArrayLike<number>, shape: Shape, options: TensorOptions = {}): Tensor {
  assertValidShape(shape);
  if (values.length !== size(shape)) {
    throw new ShapeError(`tensor: ${values.length} values do not fill shape ${formatShape(shape)} (${size(shape)} elements)`, shape);
  }
  const data = allocate(options.dtype ?? 'float32', values.length);
  data.set(values);
  return { shape: [...shape], data, dtype: dtypeOf(data) };
}

/** Adopts `data` without copying. The caller must not mutate it afterwards. */
export function fromData(data: FloatArray, shape: Shape): Tensor {
  assertValidShape(shape);
  if (data.length !== size(shape)) {
    throw new ShapeError(`fromData: ${data.length} values do not fill shape ${formatShape(shape)}`, shape);
  }
  return { shape: [...shape], data, dtype: dtypeOf(data) };
}

/** A tensor of `shape` filled with `value`. */
export function full(shape: Shape, value: number, options: TensorOptions = {}): Tensor {
  assertValidShape(shape);
  const data = allocate(options.dtype ?? 'float32', size(shape));
  data.fill(value);
  return { shape: [...shape], data, dtype: dtypeOf(data) };
}

/** A tensor of `shape` filled with zeros. */
export function zeros(shape: Shape, options: TensorOptions = {}): Tensor {
  return full(shape, 0, options);
}

/** A tensor of `shape` filled with ones. */
export function ones(shape: Shape, options: TensorOptions = {}): Tensor {
  return full(shape, 1, options);
}

/** Builds a matrix [rows, cols] from an array of equal-length rows. Throws ShapeError on a ragged row. */
export function fromRows(rows: readonly (readonly number[])[], options: TensorOptions = {}): Tensor {
  const cols = rows.length > 0 ? rows[0].length : 0;
  const data = allocate(options.dtype ?? 'float32', rows.length * cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) {
      throw new ShapeError(`fromRows: row ${i} has ${row.length} values, row 0 has ${cols}`, [rows.length, cols]);
    }
    data.set(row, i * cols);
  });
  return { shape: [rows.length, cols], data, dtype: dtypeOf(data) };
}

/** Copies a tensor, optionally converting its dtype. */
export function clone(t: Tensor, options: TensorOptions = {}): Tensor {
  const data = allocate(options.dtype ?? t.dtype, t.data.length);
  data.set(t.data);
  return { shape: [...t.shape], data, dtype: dtypeOf(data) };
}

/** Same data, new shape with the same element count (copies, never aliases). */
export function reshape(t: Tensor, shape: Shape): Tensor {
  if (size(shape) !== t.data.length) {
    throw new ShapeError(`reshape: cannot view ${formatShape(t.shape)} as ${formatShape(shape)}`, t.shape, shape);
  }
  return fromData(t.data.slice(), shape);
}

/** The matrix as nested arrays (for printing, JSON and tests). */
export function toRows(t: Tensor): number[][] {
  const [rows, cols] = t.shape.length === 2 ? t.shape : [1, t.data.length];
  return Array.from({ length: rows }, (_, i) => Array.from(t.data.subarray(i * cols, (i + 1) * cols)));
}
