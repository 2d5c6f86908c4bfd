import type { Step } from '../step.ts';

/** Applies `f` to each item lazily; `f` also receives the item's position. */
export function map<A, B>(f: (item: A, index: number) => B): Step<A, B> {
  return function* (source) {
    let index = 0;
    for (const item of source) yield f(item, index++);
  };
}
