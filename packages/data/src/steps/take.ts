import type { Step } from '../step.ts';

/** Yields the first `count` items and stops pulling from the source. */
export function take<T>(count: number): Step<T, T> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`take: count must be an integer ≥ 0, got ${count}`);
  return function* (source) {
    if (count === 0) return;
    let taken = 0;
    for (const item of source) {
      yield item;
      if (++taken === count) return;
    }
  };
}
