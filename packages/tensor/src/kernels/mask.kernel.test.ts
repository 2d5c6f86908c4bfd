import { describe, expect, it } from '@jest/globals';
import { createRng } from '../random.ts';
import { maskPositiveKernel } from './mask.kernel.ts';

// The expression it replaces, element by element.
const reference = (condition: ArrayLike<number>, x: ArrayLike<number>, out: Float32Array | Float64Array): void => {
  for (let i = 0; i < out.length; i++) out[i] = condition[i] > 0 ? x[i] : 0;
};
const sameBits = (a: Float32Array | Float64Array, b: Float32Array | Float64Array): boolean => Buffer.from(a.buffer).equals(Buffer.from(b.buffer));

describe('maskPositiveKernel', () => {
  const specials = [0, -0, Number.NaN, -1, 1, 1e-45, -1e-45, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 3.5, -2.25];

  it.each([Float32Array, Float64Array])('gives the bits of condition > 0 ? x : 0 on every pair of special values (%p)', (Type) => {
    const n = specials.length ** 2;
    const condition = new Type(n);
    const x = new Type(n);
    specials.forEach((c, i) => specials.forEach((v, j) => {
      condition[i * specials.length + j] = c;
      x[i * specials.length + j] = v;
    }));
    const [out, expected] = [new Type(n).fill(7), new Type(n)];
    maskPositiveKernel(condition, x, out, n);
    reference(condition, x, expected);
    expect(sameBits(out, expected)).toBe(true);
  });

  it('works in place on random float32 data, touching only the first n elements', () => {
    const rng = createRng(4);
    const n = 1000;
    const condition = Float32Array.from({ length: n + 5 }, () => rng.normal());
    const x = Float32Array.from({ length: n + 5 }, () => rng.normal());
    const expected = x.slice();
    reference(condition.subarray(0, n), x, expected.subarray(0, n));
    maskPositiveKernel(condition, x, x, n);
    expect(sameBits(x, expected)).toBe(true);
  });

  it('handles views at an offset into a larger buffer', () => {
    const backing = new Float32Array(16).fill(2);
    const view = backing.subarray(4, 12);
    maskPositiveKernel(Float32Array.of(1, -1, 1, -1, 1, -1, 1, -1), view, view, 8);
    expect(Array.from(backing)).toEqual([2, 2, 2, 2, 2, 0, 2, 0, 2, 0, 2, 0, 2, 2, 2, 2]);
  });
});
