import { describe, expect, it } from '@jest/globals';
import { createRng } from '@clearprop/tensor';
import { permutation, permutationInto, shuffleInPlace } from './permutation.ts';

const sorted = (a: ArrayLike<number>): number[] => Array.from(a).sort((p, q) => p - q);

describe('permutation', () => {
  it('is a permutation of 0…n−1', () => {
    expect(sorted(permutation(100, createRng(1)))).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('is deterministic per seed and differs across seeds', () => {
    expect(Array.from(permutation(50, createRng(7)))).toEqual(Array.from(permutation(50, createRng(7))));
    expect(Array.from(permutation(50, createRng(7)))).not.toEqual(Array.from(permutation(50, createRng(8))));
  });

  it('permutationInto writes into the caller buffer', () => {
    const out = new Int32Array(10).fill(99);
    expect(permutationInto(createRng(3), out)).toBe(out);
    expect(sorted(out)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('handles n = 0 and n = 1', () => {
    expect(permutation(0, createRng(1)).length).toBe(0);
    expect(Array.from(permutation(1, createRng(1)))).toEqual([0]);
  });

  it('is roughly uniform: each of the 6 orders of 3 items appears', () => {
    const rng = createRng(11);
    const seen = new Map<string, number>();
    for (let t = 0; t < 6000; t++) {
      const key = shuffleInPlace(rng, ['a', 'b', 'c']).join('');
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect(seen.size).toBe(6);
    for (const count of seen.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });
});
