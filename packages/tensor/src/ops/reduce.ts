import { allocate } from '../dtype.ts';
import { addRowVectorKernel, sumColumnsKernel, sumRowsKernel } from '../kernels/broadcast.kernel.ts';
import { assertMatrix, formatShape, ShapeError } from '../shape.ts';
import { fromData, type Tensor } from '../tensor.ts';

/** Sums each column. Shapes: x [rows, cols] → [cols]. */
export function sumColumns(x: Tensor): Tensor {
  const [rows, cols] = assertMatrix(x.shape, 'sumColumns');
  const out = allocate(x.dtype, cols);
  sumColumnsKernel(x.data, out, rows, cols);
  return fromData(out, [cols]);
}

/** Sums each row. Shapes: x [rows, cols] → [rows]. */
export function sumRows(x: Tensor): Tensor {
  const [rows, cols] = assertMatrix(x.shape, 'sumRows');
  const out = allocate(x.dtype, rows);
  sumRowsKernel(x.data, out, rows, cols);
  return fromData(out, [rows]);
}

/** Adds a row vector to every row (bias add). Shapes: x [rows, cols], v [cols] → [rows, cols]. */
export function addRowVector(x: Tensor, v: Tensor): Tensor {
  const [rows, cols] = assertMatrix(x.shape, 'addRowVector x');
  if (v.shape.length !== 1 || v.shape[0] !== cols) {
    throw new ShapeError(`addRowVector: vector ${formatShape(v.shape)} does not match the columns of ${formatShape(x.shape)}`, x.shape, v.shape);
  }
  const out = x.data.slice();
  addRowVectorKernel(out, v.data, rows, cols);
  return fromData(out, x.shape);
}

/** Transposes a matrix (copies). Shapes: x [rows, cols] → [cols, rows]. */
export function transpose(x: Tensor): Tensor {
  const [rows, cols] = assertMatrix(x.shape, 'transpose');
  const out = allocate(x.dtype, rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = x.data[i * cols + j];
  return fromData(out, [cols, rows]);
}

/** Sum of all elements, accumulated in float64. */
export function sum(x: Tensor): number {
  let s = 0;
  for (let i = 0; i < x.data.length; i++) s += x.data[i];
  return s;
}
