/**
 * Copies rows indices[start], …, indices[start + count − 1] of a row-major matrix into `out`.
 * Index convention: src is [rows, cols], out is [count, cols]; out[r·cols + c] = src[indices[start + r]·cols + c].
 * No checks, no allocation; the caller owns `out` (length ≥ count·cols) and guarantees indices are in range.
 */
export function gatherRowsKernel(
  src: Float32Array,
  cols: number,
  indices: ArrayLike<number>,
  start: number,
  count: number,
  out: Float32Array,
): void {
  for (let r = 0; r < count; r++) {
    const from = indices[start + r] * cols;
    const to = r * cols;
    // A plain loop beats out.set(src.subarray(…)) for the narrow rows typical here: no view object per row.
    for (let c = 0; c < cols; c++) out[to + c] = src[from + c];
  }
}
