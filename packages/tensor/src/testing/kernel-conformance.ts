// Uses Jest's injected globals (describe, it, expect) so importing @clearprop/tensor/testing outside Jest stays safe.
import { createRng } from '../random.ts';
import type { KernelSet } from '../kernels/kernel-set.ts';

/** Plain triple-loop reference in float64: out = op(a)·op(b). */
export function naiveMatmul(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number, form: 'ab' | 'abt' | 'atb'): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const av = form === 'atb' ? a[p * m + i] : a[i * k + p];
        const bv = form === 'abt' ? b[j * k + p] : b[p * n + j];
        s += av * bv;
      }
      out[i * n + j] = s;
    }
  }
  return out;
}

/** Shapes every kernel set must get right: tiny, odd, tails past typical block sizes. */
export const CONFORMANCE_SHAPES: readonly (readonly [number, number, number])[] = [
  [1, 1, 1], [1, 7, 1], [2, 3, 4], [3, 1, 5], [5, 5, 5], [7, 13, 3], [16, 16, 16], [17, 9, 33], [31, 64, 65], [64, 1, 64], [1, 257, 1], [127, 33, 129], [257, 17, 5],
];

/**
 * Registers Jest tests checking that a KernelSet's three matmul forms match the float64 reference on
 * CONFORMANCE_SHAPES (plus `extraShapes`), overwrite stale output, and leave inputs untouched.
 * Reused by every backend so a new kernel set is covered by one line.
 */
export function describeKernelSet(kernels: KernelSet, extraShapes: readonly (readonly [number, number, number])[] = []): void {
  const forms = [
    ['ab', kernels.matmul],
    ['abt', kernels.matmulTransB],
    ['atb', kernels.matmulTransA],
  ] as const;
  describe(`kernel set "${kernels.name}"`, () => {
    for (const [form, kernel] of forms) {
      it.each([...CONFORMANCE_SHAPES, ...extraShapes])(`${form} matches the naive reference for m=%i k=%i n=%i`, (m, k, n) => {
        const rng = createRng(m * 1000003 + k * 1009 + n);
        const a = Float32Array.from({ length: m * k }, () => rng.normal());
        const b = Float32Array.from({ length: k * n }, () => rng.normal());
        const aCopy = a.slice();
        const bCopy = b.slice();
        const out = new Float32Array(m * n).fill(Number.NaN); // stale garbage must be overwritten
        kernel(a, b, out, m, k, n);
        const ref = naiveMatmul(a, b, m, k, n, form);
        const tol = 1e-5 * Math.sqrt(k) * 4;
        let worst = 0;
        for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(out[i] - ref[i]) / (1 + Math.abs(ref[i])));
        expect(worst).toBeLessThanOrEqual(tol);
        expect(a).toEqual(aCopy);
        expect(b).toEqual(bCopy);
      });
    }
  });
}
