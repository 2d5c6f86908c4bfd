import type { FloatArray } from '../dtype.ts';

// Row-major [rows, cols] matrices; a "row vector" has cols elements and is broadcast over every row.

/** x[i, j] += v[j] for every row i. */
export function addRowVectorKernel(x: FloatArray, v: FloatArray, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) x[o + j] += v[j];
  }
}

/** out[j] = Σᵢ x[i, j] (sum over rows; ∂C/∂b in BP3). */
export function sumColumnsKernel(x: FloatArray, out: FloatArray, rows: number, cols: number): void {
  for (let j = 0; j < cols; j++) out[j] = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) out[j] += x[o + j];
  }
}

/** out[i] = Σⱼ x[i, j] (sum over columns). */
export function sumRowsKernel(x: FloatArray, out: FloatArray, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += x[o + j];
    out[i] = s;
  }
}

/** out[i] = f(x[i]) over the first `length` elements; `out` may be `x`. */
export function mapKernel(x: FloatArray, out: FloatArray, length: number, f: (v: number) => number): void {
  for (let i = 0; i < length; i++) out[i] = f(x[i]);
}

/** out[i] = f(a[i], b[i]) over the first `length` elements; `out` may alias either input. */
export function zipKernel(a: FloatArray, b: FloatArray, out: FloatArray, length: number, f: (x: number, y: number) => number): void {
  for (let i = 0; i < length; i++) out[i] = f(a[i], b[i]);
}
