import { describe, expect, it } from '@jest/globals';
import { tensor, type Tensor } from '@clearprop/tensor';
import { addDecayedWeights } from './add-decayed-weights.ts';

describe('addDecayedWeights', () => {
  it('adds weightDecay·params', () => {
    const tx = addDecayedWeights(0.5);
    const params = tensor([2, -4], [2], { dtype: 'float64' });
    const { updates } = tx.update(tensor([1, 1], [2], { dtype: 'float64' }), tx.init(params), params);
    expect(Array.from((updates as Tensor).data)).toEqual([2, -1]);
  });

  it('needs params and a valid weightDecay', () => {
    const tx = addDecayedWeights(0.1);
    const g = tensor([1], [1]);
    expect(() => tx.update(g, tx.init(g))).toThrow('addDecayedWeights: update needs params');
    expect(() => addDecayedWeights(-1)).toThrow(/addDecayedWeights: weightDecay/);
  });
});
