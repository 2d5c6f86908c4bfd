import { describe, expect, it } from '@jest/globals';
import { tensor } from '@clearprop/tensor';
import { expectClose } from '@clearprop/tensor/testing';
import { treeClone, treeLeaves, type ParamTree } from '../tree.ts';
import { adam, adamw, momentum, sgd } from './aliases.ts';
import { chain } from './chain.ts';
import { clipByGlobalNorm } from './transforms/clip-by-global-norm.ts';
import { scale } from './transforms/scale.ts';
import { scaleByAdam } from './transforms/scale-by-adam.ts';
import { scaleByLearningRate } from './transforms/scale-by-learning-rate.ts';
import { scaleByMomentum } from './transforms/scale-by-momentum.ts';

const params = (): ParamTree => ({
  layers: [{ w: tensor([1, -2, 3, -4], [2, 2]), b: tensor([0.5, -0.5], [2]) }],
  extra: tensor([2], [1], { dtype: 'float64' }),
});
const grads = (k: number): ParamTree => ({
  layers: [{ w: tensor([0.1 * k, -0.3, 0.2, 1.5], [2, 2]), b: tensor([-1, 0.25 * k], [2]) }],
  extra: tensor([0.7], [1], { dtype: 'float64' }),
});
const values = (tree: ParamTree): number[][] => treeLeaves(tree).map(({ tensor: t }) => Array.from(t.data));

describe('chain', () => {
  it('keeps one state per transform, in order', () => {
    const tx = chain(scaleByAdam(), scale(2), scaleByMomentum({ momentum: 0.5 }), scaleByLearningRate(0.1));
    const state = tx.init(params());
    expect(state).toHaveLength(4);
    expect(Object.keys(state[0])).toEqual(['count', 'mu', 'nu']);
    expect(state[1]).toEqual([]);
    expect(Object.keys(state[2])).toEqual(['trace']);
    expect(Object.keys(state[3])).toEqual(['count']);
    const next = tx.update(grads(1), state, params()).state;
    expect(next).toHaveLength(4);
    expect(next[0].count.data[0]).toBe(1);
    expect(next[3].count.data[0]).toBe(1);
  });

  it('applies transforms left to right', () => {
    // Clipping before scaling leaves norm 10; scaling before clipping leaves norm 1.
    const g = tensor([3, 4], [2], { dtype: 'float64' });
    const clipThenScale = chain(clipByGlobalNorm(1), scale(10));
    const scaleThenClip = chain(scale(10), clipByGlobalNorm(1));
    expectClose((clipThenScale.update(g, clipThenScale.init(g)).updates as typeof g).data, [6, 8], { rtol: 1e-15 });
    expectClose((scaleThenClip.update(g, scaleThenClip.init(g)).updates as typeof g).data, [0.6, 0.8], { rtol: 1e-15 });
  });

  it('rejects a state of the wrong arity', () => {
    const tx = chain(scale(1), scale(2));
    // A checkpoint restored for a different optimizer is the realistic way to get here.
    const wrongState = [[]] as unknown as ReturnType<typeof tx.init>;
    expect(() => tx.updateInPlace(grads(1), wrongState)).toThrow('chain: state has 1 entries for 2 transforms');
  });
});

describe.each([
  { name: 'sgd', make: () => sgd(0.1) },
  { name: 'momentum + clipNorm', make: () => momentum(0.1, { nesterov: true, clipNorm: 1 }) },
  { name: 'adam', make: () => adam(0.1) },
  { name: 'adamw', make: () => adamw((step) => 0.1 / (step + 1), { weightDecay: 0.1, clipNorm: 2 }) },
])('$name: pure update', ({ make }) => {
  it('does not mutate its inputs and equals updateInPlace', () => {
    const tx = make();
    const p = params();
    let pureState = tx.init(p);
    const engineState = tx.init(p);
    for (let k = 1; k <= 3; k++) {
      const g = grads(k);
      const before = { g: values(g), s: values(pureState), p: values(p) };
      const { updates, state } = tx.update(g, pureState, p);
      expect({ g: values(g), s: values(pureState), p: values(p) }).toEqual(before);

      const engineGrads = treeClone(g);
      tx.updateInPlace(engineGrads, engineState, p);
      expect(values(engineGrads)).toEqual(values(updates));
      expect(values(engineState)).toEqual(values(state));
      pureState = state;
    }
  });
});
