import { describe, expect, it } from '@jest/globals';
import { createRng, toRows } from '@clearprop/tensor';
import { batchCount, batchLoader } from './batch-loader.ts';
import { dataset, fromArrays } from './dataset.ts';

/** Row i has x = [i, 10i] and y = [−i]. */
const numbered = (n: number) =>
  fromArrays(
    Array.from({ length: n }, (_, i) => [i, 10 * i]),
    Array.from({ length: n }, (_, i) => [-i]),
  );

const epochIds = (n: number, batchSize: number, dropRemainder: boolean, seed?: number): number[][] => {
  const loader = batchLoader(numbered(n), { batchSize, dropRemainder });
  if (seed !== undefined) loader.shuffle(createRng(seed));
  return Array.from({ length: loader.count }, (_, b) => toRows(loader.load(b).x).map(([id]) => id));
};

describe('batchCount', () => {
  it('rounds up, or down with dropRemainder', () => {
    expect(batchCount(10, { batchSize: 4 })).toBe(3);
    expect(batchCount(10, { batchSize: 4, dropRemainder: true })).toBe(2);
    expect(batchCount(8, { batchSize: 4 })).toBe(2);
    expect(batchCount(0, { batchSize: 4 })).toBe(0);
    expect(() => batchCount(10, { batchSize: 0 })).toThrow(/batchSize must be an integer ≥ 1/);
  });
});

describe('batchLoader', () => {
  it('empty dataset: no batches', () => {
    expect(batchLoader(numbered(0), { batchSize: 3 }).count).toBe(0);
  });

  it('non-divisible size: the last batch is short', () => {
    expect(epochIds(7, 3, false)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('dropRemainder skips the short batch', () => {
    expect(epochIds(7, 3, true)).toEqual([[0, 1, 2], [3, 4, 5]]);
  });

  it('a dataset smaller than one batch gives one short batch, or none with dropRemainder', () => {
    expect(epochIds(2, 5, false)).toEqual([[0, 1]]);
    expect(epochIds(2, 5, true)).toEqual([]);
  });

  it('gathers x and y of the same rows, with the right shapes', () => {
    const loader = batchLoader(numbered(5), { batchSize: 2 });
    loader.shuffle(createRng(4));
    const [a, b] = Array.from(loader.order.subarray(0, 2));
    const batch = loader.load(0);
    expect(batch.x.shape).toEqual([2, 2]);
    expect(toRows(batch.x)).toEqual([[a, 10 * a], [b, 10 * b]]);
    expect(toRows(batch.y)).toEqual([[-a], [-b]]);
    expect(loader.load(2).x.shape).toEqual([1, 2]);
  });

  it('a shuffled epoch visits every row once and is deterministic per seed', () => {
    const ids = epochIds(10, 3, false, 5);
    expect(ids.flat().sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(epochIds(10, 3, false, 5)).toEqual(ids);
    expect(epochIds(10, 3, false, 6)).not.toEqual(ids);
  });

  it('gathers the rows’ loss weights with them when the dataset has some', () => {
    const ds = dataset({ x: [0, 1, 2, 3, 4], y: [0, 0, 0, 0, 0], features: 1, targets: 1, weights: [0, 0.5, 1, 1.5, 2] });
    const loader = batchLoader(ds, { batchSize: 2 });
    loader.shuffle(createRng(9));
    const [x, y, w] = [new Float32Array(2), new Float32Array(2), new Float32Array(2)];
    const size = loader.loadInto(2, x, y, w);
    expect(size).toBe(1);
    expect(w[0]).toBe(x[0] / 2);
    loader.loadInto(0, x, y, w);
    expect(Array.from(w)).toEqual(Array.from(x, (v) => v / 2));
  });
  it('reuses its buffers: no allocation per batch', () => {
    const loader = batchLoader(numbered(6), { batchSize: 2 });
    expect(loader.load(0).x.data).toBe(loader.load(1).x.data);
  });

  it('loadInto gathers into caller buffers, returns the row count, and restoreOrder undoes a shuffle', () => {
    const loader = batchLoader(numbered(5), { batchSize: 2 });
    const x = new Float32Array(4);
    const y = new Float32Array(2);
    loader.shuffle(createRng(3));
    const first = loader.order[4];
    expect(loader.loadInto(2, x, y)).toBe(1);
    expect([x[0], x[1], y[0]]).toEqual([first, 10 * first, -first]);
    loader.restoreOrder();
    expect(loader.loadInto(1, x, y)).toBe(2);
    expect(Array.from(x)).toEqual([2, 20, 3, 30]);
    expect(Array.from(y)).toEqual([-2, -3]);
    expect(() => loader.loadInto(3, x, y)).toThrow(/batch 3 is outside 0…2/);
  });

  it('rejects a batch index outside the epoch', () => {
    expect(() => batchLoader(numbered(4), { batchSize: 2 }).load(2)).toThrow(/batch 2 is outside 0…1/);
  });

  it('documented usage', () => {
    const ds = numbered(100);
    const rng = createRng(1);
    let rows = 0;
    const step = (batch: { x: { shape: readonly number[] } }): void => {
      rows += batch.x.shape[0];
    };
    const loader = batchLoader(ds, { batchSize: 32, dropRemainder: true });
    loader.shuffle(rng);
    for (let b = 0; b < loader.count; b++) step(loader.load(b));
    expect(rows).toBe(96);
  });
});
