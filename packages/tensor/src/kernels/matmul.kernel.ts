import type { FloatArray } from '../dtype.ts';

// Index convention for all three kernels: row-major, element (i, j) of an [r, c] matrix is at i*c + j.
// Each overwrites `out` (never accumulates), never allocates and never checks: ops/matmul.ts validates.
// Loop orders keep the innermost loop on contiguous memory of both the read and the written operand.

/** out[m×n] = a[m×k] · b[k×n]. */
export function matmulKernel(a: FloatArray, b: FloatArray, out: FloatArray, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const oi = i * n;
    // A loop, not out.fill: on the tiny products of small nets the builtin call costs more than the zeroing.
    for (let j = 0; j < n; j++) out[oi + j] = 0;
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p];
      if (av === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) out[oi + j] += av * b[bp + j];
    }
  }
}

/** out[m×n] = a[m×k] · b[n×k]ᵀ (rows of a dotted with rows of b). */
export function matmulTransBKernel(a: FloatArray, b: FloatArray, out: FloatArray, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
      out[i * n + j] = s;
    }
  }
}

/** out[m×n] = a[k×m]ᵀ · b[k×n] (sum over the shared leading axis, e.g. δᵀ·a in BP4). */
export function matmulTransAKernel(a: FloatArray, b: FloatArray, out: FloatArray, m: number, k: number, n: number): void {
  for (let i = 0; i < m * n; i++) out[i] = 0;
  for (let p = 0; p < k; p++) {
    const ap = p * m;
    const bp = p * n;
    for (let i = 0; i < m; i++) {
      const av = a[ap + i];
      if (av === 0) continue;
      const oi = i * n;
      for (let j = 0; j < n; j++) out[oi + j] += av * b[bp + j];
    }
  }
}

// Fused forms for the small layers of tiny nets, where per-call overhead outweighs the arithmetic. Each gives
// bit-for-bit the numbers of its unfused sequence (same operations in the same order, same stores).

/** out = a[m×k] · b[n×k]ᵀ + bias[n] broadcast over rows: matmulTransBKernel then addRowVectorKernel. */
export function matmulTransBAddRowKernel(a: FloatArray, b: FloatArray, bias: FloatArray, out: FloatArray, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    const oi = i * n;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
      out[oi + j] = s; // stored (rounded to out's dtype) before the bias is added, as the unfused pair does
      out[oi + j] += bias[j];
    }
  }
}

/** out = a[k×m]ᵀ · b[k×n] and sums[i] = Σ_p a[p, i]: sumColumnsKernel(a) then matmulTransAKernel (BP3 with BP4). */
export function matmulTransASumKernel(a: FloatArray, b: FloatArray, out: FloatArray, sums: FloatArray, m: number, k: number, n: number): void {
  for (let i = 0; i < m * n; i++) out[i] = 0;
  for (let i = 0; i < m; i++) sums[i] = 0;
  for (let p = 0; p < k; p++) {
    const ap = p * m;
    const bp = p * n;
    for (let i = 0; i < m; i++) {
      const av = a[ap + i];
      sums[i] += av;
      if (av === 0) continue;
      const oi = i * n;
      for (let j = 0; j < n; j++) out[oi + j] += av * b[bp + j];
    }
  }
}
