import { describe, expect, it } from '@jest/globals';
import { gatherRowsKernel } from './gather.kernel.ts';

describe('gatherRowsKernel', () => {
  const src = new Float32Array([0, 1, 10, 11, 20, 21, 30, 31]); // [4, 2]

  it('copies the selected rows in index order', () => {
    const out = new Float32Array(6);
    gatherRowsKernel(src, 2, Int32Array.from([3, 0, 3]), 0, 3, out);
    expect(Array.from(out)).toEqual([30, 31, 0, 1, 30, 31]);
  });

  it('honours start and count, leaving the rest of out untouched', () => {
    const out = new Float32Array(6).fill(-1);
    gatherRowsKernel(src, 2, [9, 2, 1, 9], 1, 2, out);
    expect(Array.from(out)).toEqual([20, 21, 10, 11, -1, -1]);
  });

  it('does nothing for count 0', () => {
    const out = new Float32Array(2).fill(-1);
    gatherRowsKernel(src, 2, [], 0, 0, out);
    expect(Array.from(out)).toEqual([-1, -1]);
  });
});
