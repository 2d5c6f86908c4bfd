import { describe, expect, it } from '@jest/globals';
import { createRng } from '@clearprop/tensor';
import { pipe } from '../step.ts';
import { batch } from './batch.ts';
import { map } from './map.ts';
import { shuffle } from './shuffle.ts';
import { take } from './take.ts';

/** An iterable of 0…n−1 that records how many items were pulled. */
function counted(n: number): { readonly source: Iterable<number>; pulled(): number } {
  let pulled = 0;
  return {
    source: (function* () {
      for (let i = 0; i < n; i++, pulled++) yield i;
    })(),
    pulled: () => pulled,
  };
}

describe('batch', () => {
  it('empty input yields nothing', () => {
    expect([...pipe([], batch(3))]).toEqual([]);
  });

  it('size not divisible: last group is short', () => {
    expect([...pipe([1, 2, 3, 4, 5], batch(2))]).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('dropRemainder drops the short group', () => {
    expect([...pipe([1, 2, 3, 4, 5], batch(2, { dropRemainder: true }))]).toEqual([[1, 2], [3, 4]]);
  });

  it('is lazy: the first group pulls only its own items', () => {
    const { source, pulled } = counted(100);
    const iterator = pipe(source, batch(4))[Symbol.iterator]();
    iterator.next();
    expect(pulled()).toBeLessThanOrEqual(4);
  });

  it('rejects size < 1', () => {
    expect(() => batch(0)).toThrow(RangeError);
  });
});

describe('shuffle', () => {
  it('is a deterministic permutation per seed', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const a = [...pipe(items, shuffle(createRng(1)))];
    expect([...a].sort((p, q) => p - q)).toEqual(items);
    expect([...pipe(items, shuffle(createRng(1)))]).toEqual(a);
    expect(a).not.toEqual(items);
  });

  it('empty input yields nothing', () => {
    expect([...pipe([], shuffle(createRng(1)))]).toEqual([]);
  });
});

describe('map and take', () => {
  it('map passes the index', () => {
    expect([...pipe(['a', 'b'], map((s: string, i) => `${s}${i}`))]).toEqual(['a0', 'b1']);
  });

  it('take stops pulling once it has enough', () => {
    const { source, pulled } = counted(100);
    expect([...pipe(source, take(3))]).toEqual([0, 1, 2]);
    expect(pulled()).toBeLessThanOrEqual(3);
    expect([...pipe([1, 2], take(0))]).toEqual([]);
    expect([...pipe([1, 2], take(5))]).toEqual([1, 2]);
  });

  it('pipe composes left to right', () => {
    const out = [...pipe([1, 2, 3, 4, 5, 6, 7], map((v: number) => v * 10), batch(3), take(2))];
    expect(out).toEqual([[10, 20, 30], [40, 50, 60]]);
  });
});
