import { describe, expect, it } from '@jest/globals';
import { ShapeError } from './shape.ts';
import { clone, fromRows, reshape, tensor, zeros } from './tensor.ts';

describe('tensor constructors', () => {
  it('copies values, keeps shape and defaults to float32', () => {
    const values = [1, 2, 3, 4];
    const t = tensor(values, [2, 2]);
    values[0] = 99;
    expect(t.data[0]).toBe(1);
    expect(t.dtype).toBe('float32');
    expect(t.data).toBeInstanceOf(Float32Array);
  });
  it('refuses a value count that does not fill the shape, naming the shape', () => {
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(ShapeError);
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow('tensor: 3 values do not fill shape [2, 2] (4 elements)');
    expect(() => zeros([2, -1])).toThrow('shape [2, -1] has a non-integer or negative axis');
  });
  it('builds matrices from rows and rejects ragged rows', () => {
    expect(fromRows([[1, 2], [3, 4]]).shape).toEqual([2, 2]);
    expect(() => fromRows([[1, 2], [3]])).toThrow('fromRows: row 1 has 1 values, row 0 has 2');
  });
  it('converts dtype on clone and reshapes without aliasing', () => {
    const t = tensor([0.1], [1]);
    const d = clone(t, { dtype: 'float64' });
    expect(d.data).toBeInstanceOf(Float64Array);
    expect(d.data[0]).toBe(Math.fround(0.1));
    const r = reshape(tensor([1, 2, 3, 4], [2, 2]), [4]);
    expect(r.shape).toEqual([4]);
    expect(() => reshape(r, [3])).toThrow('reshape: cannot view [4] as [3]');
  });
});
