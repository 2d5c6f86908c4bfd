import { describe, expect, it } from '@jest/globals';
import { tensor, type Tensor } from '@clearprop/tensor';
import { expectClose } from '@clearprop/tensor/testing';
import { scaleByAdam } from './scale-by-adam.ts';

describe('scaleByAdam', () => {
  it('first update is g/(|g| + eps) after bias correction, with float32 moments for float32 grads', () => {
    const tx = scaleByAdam();
    const g = tensor([0.5, -2, 0], [3]);
    const { updates, state } = tx.update(g, tx.init(g));
    expect((updates as Tensor).dtype).toBe('float32');
    expect((state.mu as Tensor).dtype).toBe('float32');
    expect(state.count.data[0]).toBe(1);
    expectClose(updates as Tensor, [1, -1, 0], { rtol: 1e-6 });
  });

  it('validates its options', () => {
    expect(() => scaleByAdam({ b1: 1 })).toThrow(/scaleByAdam: b1/);
    expect(() => scaleByAdam({ b2: -0.1 })).toThrow(/scaleByAdam: b2/);
    expect(() => scaleByAdam({ eps: 0 })).toThrow(/scaleByAdam: eps/);
  });
});
