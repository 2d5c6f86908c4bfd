import { describe, expect, it } from '@jest/globals';
import { createRng } from '../../random.ts';
import { describeKernelSet, naiveMatmul } from '../../testing/kernel-conformance.ts';
import { tsKernels } from '../kernel-set.ts';
import { wasmSimdSupported } from './wasm-api.ts';
import { createWasmKernels } from './wasm-kernels.ts';

type MatmulShape = readonly [number, number, number];

// Every size 1…257 appears as m, as k and as n (m and n sweep together in opposite directions), with small
// partners covering every residue mod 4 (the tile height and the k unroll). Partners stay small because the
// conformance check generates and compares whole operands (≈ 3 µs per element). Then shapes crossing the cache
// blocks (mc 128, kc 384, nc 2400) and a mid-sized one.
const sweep: MatmulShape[] = [];
for (let size = 1; size <= 257; size++) {
  sweep.push([size, 1 + ((size * 3) % 4), 258 - size], [1 + ((size * 3) % 5), size, 1 + (size % 4)]);
}
const blockShapes: MatmulShape[] = [[2, 785, 3], [2, 3, 2413], [131, 100, 50], [67, 45, 73]];

// minWork 1 keeps every product on the WASM path, even the ones the default would hand to the TS kernels.
describeKernelSet(createWasmKernels({ minWork: 1 }), [...sweep, ...blockShapes]);

const forms = ['ab', 'abt', 'atb'] as const;

function check(kernels: ReturnType<typeof createWasmKernels>, [m, k, n]: MatmulShape, seed: number): void {
  const rng = createRng(seed);
  const a = Float32Array.from({ length: m * k }, () => rng.normal());
  const b = Float32Array.from({ length: k * n }, () => rng.normal());
  for (const form of forms) {
    const kernel = form === 'ab' ? kernels.matmul : form === 'abt' ? kernels.matmulTransB : kernels.matmulTransA;
    const out = new Float32Array(m * n).fill(Number.NaN);
    kernel(a, b, out, m, k, n);
    const ref = naiveMatmul(a, b, m, k, n, form);
    let worst = 0;
    for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(out[i] - ref[i]) / (1 + Math.abs(ref[i])));
    expect(worst).toBeLessThan(1e-4);
  }
}

describe('createWasmKernels', () => {
  it('is available on this runtime', () => {
    expect(wasmSimdSupported()).toBe(true);
  });

  it('computes the documented example', () => {
    const kernels = createWasmKernels();
    const out = new Float32Array(2 * 2);
    kernels.matmul(Float32Array.of(1, 2, 3, 4, 5, 6), Float32Array.of(1, 0, 0, 1, 1, 1), out, 2, 3, 2);
    expect(Array.from(out)).toEqual([4, 5, 10, 11]);
  });

  it('falls back to the TS kernels for float64 operands, bit for bit', () => {
    const kernels = createWasmKernels({ minWork: 1 });
    const rng = createRng(7);
    const [m, k, n] = [9, 31, 14];
    const a = Float64Array.from({ length: m * k }, () => rng.normal());
    const b = Float64Array.from({ length: k * n }, () => rng.normal());
    for (const name of ['matmul', 'matmulTransB', 'matmulTransA'] as const) {
      const out = new Float64Array(m * n);
      const expected = new Float64Array(m * n);
      kernels[name](a, b, out, m, k, n);
      tsKernels[name](a, b, expected, m, k, n);
      expect(out).toEqual(expected);
    }
  });

  it('hands products below minWork to the TS kernels', () => {
    const kernels = createWasmKernels({ minWork: 1000 });
    const a = Float32Array.of(0.1, 0.2, 0.3);
    const b = Float32Array.of(0.7, 0.11, 0.13);
    const out = new Float32Array(1);
    const expected = new Float32Array(1);
    kernels.matmul(a, b, out, 1, 3, 1);
    tsKernels.matmul(a, b, expected, 1, 3, 1);
    expect(out).toEqual(expected);
  });

  it('writes zeros when k is 0', () => {
    const out = new Float32Array(6).fill(Number.NaN);
    createWasmKernels({ minWork: 1 }).matmul(new Float32Array(0), new Float32Array(0), out, 2, 0, 3);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('grows its memory and refreshes stale views (small, big, small, big)', () => {
    const kernels = createWasmKernels({ minWork: 1 });
    const small: MatmulShape = [7, 5, 9];
    const big: MatmulShape = [300, 2, 400]; // a 480 kB result: several memory pages beyond the first
    check(kernels, small, 1);
    check(kernels, big, 2);
    check(kernels, small, 3);
    check(kernels, big, 4);
    check(kernels, [500, 1, 600], 5);
    check(kernels, small, 6);
  });

  it('keeps independent state per kernel set', () => {
    const first = createWasmKernels({ minWork: 1 });
    const second = createWasmKernels({ minWork: 1 });
    check(first, [64, 64, 64], 8);
    check(second, [3, 4, 5], 9);
    check(first, [6, 5, 4], 10);
  });
});
