import type { Step } from '../step.ts';

/**
 * Groups consecutive items into arrays of `size`. The last group may be shorter unless dropRemainder.
 * Lazy: pulls at most `size` items ahead of what it yields.
 */
export function batch<T>(size: number, options: { readonly dropRemainder?: boolean } = {}): Step<T, readonly T[]> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch: size must be an integer ≥ 1, got ${size}`);
  return function* (source) {
    let group: T[] = [];
    for (const item of source) {
      group.push(item);
      if (group.length === size) {
        yield group;
        group = [];
      }
    }
    if (group.length > 0 && !options.dropRemainder) yield group;
  };
}
