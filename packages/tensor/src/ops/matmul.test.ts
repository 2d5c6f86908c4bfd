import { describe, expect, it } from '@jest/globals';
import { ShapeError } from '../shape.ts';
import { tensor, toRows } from '../tensor.ts';
import { matmul } from './matmul.ts';

describe('matmul', () => {
  const a = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
  const b = tensor([7, 8, 9, 10, 11, 12], [3, 2]);

  it('computes a hand-checked 2×3 · 3×2 product', () => {
    expect(toRows(matmul(a, b))).toEqual([[58, 64], [139, 154]]);
  });

  it('computes a·bᵀ and aᵀ·b without materialising the transpose', () => {
    const bt = tensor([7, 9, 11, 8, 10, 12], [2, 3]);
    expect(toRows(matmul(a, bt, { transposeB: true }))).toEqual([[58, 64], [139, 154]]);
    const at = tensor([1, 4, 2, 5, 3, 6], [3, 2]);
    expect(toRows(matmul(at, b, { transposeA: true }))).toEqual([[58, 64], [139, 154]]);
  });

  it('names both shapes when the inner sizes differ', () => {
    expect(() => matmul(a, a)).toThrow(ShapeError);
    expect(() => matmul(a, a)).toThrow('matmul a·b: inner sizes differ, a [2, 3] and b [2, 3]');
  });

  it('rejects a non-matrix and mixed dtypes', () => {
    expect(() => matmul(tensor([1, 2], [2]), b)).toThrow('matmul a: expected a matrix [rows, cols], got [2]');
    expect(() => matmul(a, tensor([7, 8, 9, 10, 11, 12], [3, 2], { dtype: 'float64' }))).toThrow(/dtypes differ/);
  });

  it('keeps float64 precision in float64', () => {
    const x = tensor([1 + 1e-12], [1, 1], { dtype: 'float64' });
    expect(matmul(x, x).data[0]).toBeCloseTo(1 + 2e-12, 15);
  });
});
