import { describe, expect, it } from '@jest/globals';
import { createRng, tensor, type Tensor } from '@clearprop/tensor';
import { treeClone, treeLeaves, type ParamTree } from '../tree.ts';
import { adam } from './aliases.ts';
import { applyUpdatesInPlace } from './apply-updates.ts';
import { chain } from './chain.ts';
import { fusedAdam } from './fused-adam.ts';
import { cosineDecay } from './schedules.ts';
import { scaleByAdam } from './transforms/scale-by-adam.ts';
import { scaleByLearningRate } from './transforms/scale-by-learning-rate.ts';

/** A float32 layer and a float64 one, with values across many magnitudes (and exact zeros). */
function tree(seed: number): ParamTree {
  const rng = createRng(seed);
  const values = (n: number) => Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : rng.normal() * 10 ** Math.floor(rng.next() * 8 - 5)));
  return [
    { w: tensor(values(48), [6, 8]), b: tensor(values(6), [6]) },
    { w: tensor(values(12), [3, 4], { dtype: 'float64' }), b: tensor(values(3), [3], { dtype: 'float64' }) },
  ];
}

const bytes = (t: ParamTree): Buffer[] => treeLeaves(t).map(({ tensor: leaf }) => Buffer.from((leaf as Tensor).data.buffer.slice(0)));

describe('fusedAdam', () => {
  it('gives bit for bit the updates and state of chain(scaleByAdam, scaleByLearningRate), step after step', () => {
    const options = { b1: 0.8, b2: 0.99, eps: 1e-7 };
    const lr = cosineDecay(3e-3, 50);
    const fused = fusedAdam(lr, options);
    const reference = chain(scaleByAdam(options), scaleByLearningRate(lr));
    const params = tree(1);
    const fusedState = fused.init(params);
    const referenceState = reference.init(params);
    expect(bytes(fusedState)).toEqual(bytes(referenceState));
    for (let step = 0; step < 30; step++) {
      const grads = tree(100 + step);
      const fusedGrads = treeClone(grads);
      fused.updateInPlace(fusedGrads, fusedState);
      reference.updateInPlace(grads, referenceState);
      expect(bytes(fusedGrads)).toEqual(bytes(grads));
      expect(bytes(fusedState)).toEqual(bytes(referenceState));
    }
  });

  it('applyInPlace gives bit for bit what updateInPlace then applyUpdatesInPlace give, to the updates, state and params', () => {
    const lr = cosineDecay(1e-2, 40);
    const fused = fusedAdam(lr);
    const separate = fusedAdam(lr);
    const [fusedParams, separateParams] = [tree(7), tree(7)];
    const [fusedState, separateState] = [fused.init(fusedParams), separate.init(separateParams)];
    for (let step = 0; step < 20; step++) {
      const [fusedGrads, separateGrads] = [tree(200 + step), tree(200 + step)];
      fused.applyInPlace?.(fusedGrads, fusedState, fusedParams);
      separate.updateInPlace(separateGrads, separateState);
      applyUpdatesInPlace(separateParams, separateGrads);
      expect(bytes(fusedGrads)).toEqual(bytes(separateGrads));
      expect(bytes(fusedState)).toEqual(bytes(separateState));
      expect(bytes(fusedParams)).toEqual(bytes(separateParams));
    }
    expect(fused.applyInPlace).toBeDefined();
    expect(chain(scaleByAdam(), scaleByLearningRate(lr)).applyInPlace).toBeUndefined();
  });

  it('is what adam() builds without clipping, and validates its options under the scaleByAdam name', () => {
    const grads = tree(3);
    const viaAlias = treeClone(grads);
    const alias = adam(1e-2);
    alias.updateInPlace(viaAlias, alias.init(grads));
    const reference = chain(scaleByAdam(), scaleByLearningRate(1e-2));
    reference.updateInPlace(grads, reference.init(grads));
    expect(bytes(viaAlias)).toEqual(bytes(grads));
    expect(() => adam(1e-2, { b2: 1 })).toThrow(/scaleByAdam: b2/);
  });
});
