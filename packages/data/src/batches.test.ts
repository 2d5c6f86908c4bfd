import { describe, expect, it } from '@jest/globals';
import { createRng, toRows } from '@clearprop/tensor';
import { batches } from './batches.ts';
import { collate, examples } from './collate.ts';
import { fromArrays } from './dataset.ts';

const ds = fromArrays([[0, 0], [1, 10], [2, 20], [3, 30], [4, 40]], [[0], [-1], [-2], [-3], [-4]]);

describe('examples and collate', () => {
  it('examples yields row views in order', () => {
    const rows = [...examples(ds)];
    expect(rows).toHaveLength(5);
    expect(Array.from(rows[2].x)).toEqual([2, 20]);
    expect(rows[2].x.buffer).toBe(ds.x.buffer);
  });

  it('collate stacks rows into [m, ·] tensors', () => {
    const batch = collate([...examples(ds)].slice(3));
    expect(toRows(batch.x)).toEqual([[3, 30], [4, 40]]);
    expect(batch.y.shape).toEqual([2, 1]);
    expect(() => collate([])).toThrow(/empty list/);
  });
});

describe('batches', () => {
  const ids = (iterable: Iterable<{ x: Parameters<typeof toRows>[0] }>): number[][] =>
    [...iterable].map((b) => toRows(b.x).map(([id]) => id));

  it('without rng keeps dataset order; last batch short unless dropRemainder', () => {
    expect(ids(batches(ds, { batchSize: 2 }))).toEqual([[0, 1], [2, 3], [4]]);
    expect(ids(batches(ds, { batchSize: 2, dropRemainder: true }))).toEqual([[0, 1], [2, 3]]);
  });

  it('with rng is deterministic per seed and re-iterable (one epoch per iteration)', () => {
    const epochs = batches(ds, { batchSize: 2, rng: createRng(3) });
    const first = ids(epochs);
    expect(first.flat().sort()).toEqual([0, 1, 2, 3, 4]);
    expect(ids(batches(ds, { batchSize: 2, rng: createRng(3) }))).toEqual(first);
    expect(ids(epochs).flat().sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
