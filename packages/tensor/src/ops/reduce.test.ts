import { describe, expect, it } from '@jest/globals';
import { tensor, toRows } from '../tensor.ts';
import { add, mul, scale, sub } from './elementwise.ts';
import { addRowVector, sum, sumColumns, sumRows, transpose } from './reduce.ts';

describe('reductions and broadcasting', () => {
  const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
  it('sums columns and rows', () => {
    expect(Array.from(sumColumns(x).data)).toEqual([5, 7, 9]);
    expect(Array.from(sumRows(x).data)).toEqual([6, 15]);
    expect(sum(x)).toBe(21);
  });
  it('adds a row vector to every row and names shapes on mismatch', () => {
    expect(toRows(addRowVector(x, tensor([10, 20, 30], [3])))).toEqual([[11, 22, 33], [14, 25, 36]]);
    expect(() => addRowVector(x, tensor([1, 2], [2]))).toThrow('addRowVector: vector [2] does not match the columns of [2, 3]');
  });
  it('transposes', () => {
    expect(toRows(transpose(x))).toEqual([[1, 4], [2, 5], [3, 6]]);
  });
  it('does element-wise arithmetic and refuses mismatched shapes', () => {
    expect(Array.from(add(x, x).data)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(Array.from(sub(x, x).data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(mul(x, x).data)).toEqual([1, 4, 9, 16, 25, 36]);
    expect(Array.from(scale(x, 2).data)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(() => add(x, tensor([1, 2, 3], [3, 1]))).toThrow('add: shapes [2, 3] and [3, 1] differ');
  });
});
