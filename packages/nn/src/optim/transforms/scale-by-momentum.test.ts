import { describe, expect, it } from '@jest/globals';
import { tensor, type Tensor } from '@clearprop/tensor';
import { scaleByMomentum } from './scale-by-momentum.ts';

describe('scaleByMomentum', () => {
  it('keeps the trace in the grads dtype and follows buf ← μ·buf + g', () => {
    const tx = scaleByMomentum({ momentum: 0.5 });
    const g = tensor([1, 2], [2]);
    const state = tx.init(g);
    expect((state.trace as Tensor).dtype).toBe('float32');
    const first = tensor([1, 2], [2]);
    tx.updateInPlace(first, state);
    const second = tensor([1, 2], [2]);
    tx.updateInPlace(second, state);
    expect(Array.from(second.data)).toEqual([1.5, 3]);
    expect(Array.from((state.trace as Tensor).data)).toEqual([1.5, 3]);
  });

  it('nesterov returns g + μ·buf', () => {
    const tx = scaleByMomentum({ momentum: 0.5, nesterov: true });
    const g = tensor([2], [1], { dtype: 'float64' });
    const { updates } = tx.update(g, tx.init(g));
    expect(Array.from((updates as Tensor).data)).toEqual([3]);
  });

  it('validates its options', () => {
    expect(() => scaleByMomentum({ momentum: 1 })).toThrow(/scaleByMomentum: momentum/);
    expect(() => scaleByMomentum({ momentum: 0, nesterov: true })).toThrow(/nesterov needs momentum/);
  });
});
