import { describe, expect, it } from '@jest/globals';
import { tensor, type Tensor } from '@clearprop/tensor';
import { expectClose } from '@clearprop/tensor/testing';
import { clipByGlobalNorm } from './clip-by-global-norm.ts';

describe('clipByGlobalNorm', () => {
  it('rescales the whole tree to maxNorm when its global norm exceeds it', () => {
    const tx = clipByGlobalNorm(2.5);
    const grads = { a: tensor([3], [1]), b: [tensor([4], [1], { dtype: 'float64' })] };
    const { updates } = tx.update(grads, tx.init(grads));
    const { a, b } = updates as typeof grads;
    expectClose(a, [1.5], { rtol: 1e-7 });
    expectClose(b[0] as Tensor, [2], { rtol: 1e-15 });
  });

  it('leaves small updates unchanged', () => {
    const tx = clipByGlobalNorm(5);
    const g = tensor([3, 4], [2]);
    expect(Array.from((tx.update(g, tx.init(g)).updates as Tensor).data)).toEqual([3, 4]);
  });

  it('validates maxNorm', () => {
    expect(() => clipByGlobalNorm(0)).toThrow(/clipByGlobalNorm: maxNorm/);
  });
});
