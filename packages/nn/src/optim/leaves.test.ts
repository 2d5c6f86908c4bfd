import { describe, expect, it } from '@jest/globals';
import { tensor, type FloatArray } from '@clearprop/tensor';
import { forEachLeaf, NO_SCALARS, zipLeaves, zipLeaves3 } from './leaves.ts';

const tree = () => ({ a: [tensor([1, 2], [2]), { b: tensor([3], [1], { dtype: 'float64' }) }], c: tensor([4], [1]) });
const noop = (): void => undefined;

describe('leaf walkers', () => {
  it('visit every leaf in treeLeaves order', () => {
    const seen: number[][] = [];
    forEachLeaf(tree(), (a: FloatArray) => void seen.push(Array.from(a)), NO_SCALARS);
    expect(seen).toEqual([[1, 2], [3], [4]]);
  });

  it('pair and triple matching leaves', () => {
    const sums: number[] = [];
    zipLeaves3(tree(), tree(), tree(), (a, b, c) => void sums.push(a[0] + b[0] + c[0]), NO_SCALARS);
    expect(sums).toEqual([3, 9, 12]);
  });

  it('name the first differing path', () => {
    const other = { a: [tensor([1, 2], [2]), { b: tensor([3, 4], [2]) }], c: tensor([4], [1]) };
    expect(() => zipLeaves(tree(), other, noop, NO_SCALARS)).toThrow(/"a\.1\.b"/);
    expect(() => zipLeaves3(tree(), tree(), { a: [], c: tensor([4], [1]) }, noop, NO_SCALARS)).toThrow(/"a\.0"/);
    expect(() => zipLeaves(tree(), { ...tree(), c: [tensor([4], [1])] }, noop, NO_SCALARS)).toThrow(/"c"/);
  });
});
