import { describe, expect, it } from '@jest/globals';
import { tensor, type Tensor } from '@clearprop/tensor';
import { scale } from './scale.ts';

describe('scale', () => {
  it('multiplies every leaf and keeps no state', () => {
    const tx = scale(-3);
    const grads = [tensor([1, 2], [2]), { x: tensor([0.5], [1]) }];
    const state = tx.init(grads);
    expect(state).toEqual([]);
    const [first, { x }] = tx.update(grads, state).updates as [Tensor, { x: Tensor }];
    expect(Array.from(first.data)).toEqual([-3, -6]);
    expect(Array.from(x.data)).toEqual([-1.5]);
  });

  it('rejects a non-finite factor', () => {
    expect(() => scale(Number.POSITIVE_INFINITY)).toThrow(/scale: factor/);
  });
});
