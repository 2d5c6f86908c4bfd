import type { Rng } from '@clearprop/tensor';

/**
 * Shuffles `items` in place with Fisher–Yates, drawing from `rng`; returns `items`.
 * for i = n−1 … 1: swap(items[i], items[rng.int(i + 1)]). Every ordering is equally likely.
 * @see Knuth, The Art of Computer Programming vol. 2, §3.4.2, Algorithm P.
 */
export function shuffleInPlace<T extends { length: number; [index: number]: unknown }>(rng: Rng, items: T): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

/**
 * Fills the caller-owned `out` with a uniformly random permutation of 0…out.length−1 and returns it.
 * Allocation-free: this is the per-epoch ordering of the training hot loop.
 */
export function permutationInto(rng: Rng, out: Int32Array): Int32Array {
  for (let i = 0; i < out.length; i++) out[i] = i;
  // shuffleInPlace's loop, typed for Int32Array: the generic one also sees plain arrays (split.ts), and its
  // polymorphic element access costs more than the draws on a per-epoch shuffle. Same draws, same swaps.
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}

/** A new uniformly random permutation of 0…n−1. Shapes: [n]. */
export function permutation(n: number, rng: Rng): Int32Array {
  return permutationInto(rng, new Int32Array(n));
}
