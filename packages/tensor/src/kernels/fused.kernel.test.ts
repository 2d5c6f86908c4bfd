import { createRng } from '../random.ts';
import { addRowVectorKernel, sumColumnsKernel } from './broadcast.kernel.ts';
import { matmulTransAKernel, matmulTransASumKernel, matmulTransBAddRowKernel, matmulTransBKernel } from './matmul.kernel.ts';

// The fused kernels must give bit-for-bit the numbers of the unfused sequences they replace in the engine.
const shapes: readonly (readonly [number, number, number])[] = [[1, 1, 1], [5, 1, 2], [5, 2, 4], [5, 4, 2], [3, 7, 5], [16, 9, 1], [2, 33, 17]];

function random(length: number, seed: number, Array_: Float32ArrayConstructor | Float64ArrayConstructor): Float32Array | Float64Array {
  const rng = createRng(seed);
  // Some exact zeros: the a·bᵀ-sum kernel skips zero rows of a, which must not skip the column sums.
  const out = new Array_(length);
  for (let i = 0; i < length; i++) out[i] = i % 5 === 3 ? 0 : rng.normal();
  return out;
}

describe.each([['float32', Float32Array], ['float64', Float64Array]] as const)('fused kernels (%s)', (_name, Array_) => {
  it.each(shapes)('matmulTransBAddRowKernel equals matmulTransB then addRowVector at %i×%i×%i', (m, k, n) => {
    const a = random(m * k, 1, Array_);
    const b = random(n * k, 2, Array_);
    const bias = random(n, 3, Array_);
    const expected = new Array_(m * n);
    matmulTransBKernel(a, b, expected, m, k, n);
    addRowVectorKernel(expected, bias, m, n);
    const out = new Array_(m * n).fill(NaN);
    matmulTransBAddRowKernel(a, b, bias, out, m, k, n);
    expect(Array.from(out)).toEqual(Array.from(expected));
  });

  it.each(shapes)('matmulTransASumKernel equals sumColumns then matmulTransA at %i×%i×%i', (m, k, n) => {
    const a = random(k * m, 4, Array_);
    const b = random(k * n, 5, Array_);
    const expected = new Array_(m * n);
    const expectedSums = new Array_(m);
    sumColumnsKernel(a, expectedSums, k, m);
    matmulTransAKernel(a, b, expected, m, k, n);
    const out = new Array_(m * n).fill(NaN);
    const sums = new Array_(m).fill(NaN);
    matmulTransASumKernel(a, b, out, sums, m, k, n);
    expect(Array.from(out)).toEqual(Array.from(expected));
    expect(Array.from(sums)).toEqual(Array.from(expectedSums));
  });
});
