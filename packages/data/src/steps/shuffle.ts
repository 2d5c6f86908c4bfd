import type { Rng } from '@clearprop/tensor';
import { shuffleInPlace } from '../permutation.ts';
import type { Step } from '../step.ts';

/**
 * Yields the items in a random order drawn from `rng` (Fisher–Yates). Buffers the whole source on the first pull,
 * and draws from `rng` at that moment, so iterate in a fixed order for reproducible runs.
 */
export function shuffle<T>(rng: Rng): Step<T, T> {
  return function* (source) {
    yield* shuffleInPlace(rng, [...source]);
  };
}
