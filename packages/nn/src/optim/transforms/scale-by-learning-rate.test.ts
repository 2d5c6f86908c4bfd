import { describe, expect, it } from '@jest/globals';
import { tensor, type Tensor } from '@clearprop/tensor';
import { scaleByLearningRate } from './scale-by-learning-rate.ts';

describe('scaleByLearningRate', () => {
  it('multiplies by −lr(t) with t the number of updates applied so far, from 0', () => {
    const seen: number[] = [];
    const tx = scaleByLearningRate((step) => {
      seen.push(step);
      return 1 / (step + 1);
    });
    const g = tensor([2, -4], [2]);
    let state = tx.init(g);
    expect(state.count.dtype).toBe('float64');
    expect(state.count.shape).toEqual([1]);
    const results: number[][] = [];
    for (let k = 0; k < 3; k++) {
      const { updates, state: next } = tx.update(g, state);
      results.push(Array.from((updates as Tensor).data));
      state = next;
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(results[0]).toEqual([-2, 4]);
    expect(results[1]).toEqual([-1, 2]);
    expect(state.count.data[0]).toBe(3);
  });

  it('validates a numeric lr', () => {
    expect(() => scaleByLearningRate(-0.1)).toThrow(RangeError);
  });
});
