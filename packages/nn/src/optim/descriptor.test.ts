import { describe, expect, it } from '@jest/globals';
import { tensor } from '@clearprop/tensor';
import { treeClone, treeLeaves, type ParamTree } from '../tree.ts';
import { adam, adamw, momentum, sgd } from './aliases.ts';
import { chain } from './chain.ts';
import { polyDecay } from './schedules.ts';
import { scale } from './transforms/scale.ts';
import { scaleByLearningRate } from './transforms/scale-by-learning-rate.ts';

const params = (): ParamTree => [{ w: tensor([1, -2, 3], [3]), b: tensor([0.5], [1]) }];
const grads = (): ParamTree => [{ w: tensor([0.25, -1, 2], [3]), b: tensor([4], [1]) }];

describe('transform descriptors (what an engine may apply directly)', () => {
  it('tags plain SGD with its schedule and the step counter that updateInPlace advances', () => {
    const schedule = polyDecay(1.5, 10, 0.25);
    const tx = sgd(schedule);
    const state = tx.init(params());
    expect(tx.descriptor).toMatchObject({ kind: 'plainSgd', lr: schedule });
    const counter = tx.descriptor?.counter(state);
    expect(Array.from(counter ?? [])).toEqual([0]);
    tx.updateInPlace(grads(), state, params());
    tx.updateInPlace(grads(), state, params());
    expect(Array.from(counter ?? [])).toEqual([2]); // a live view of the state, not a copy
    // The descriptor's fact, applied by hand, is the transform: u = −lr(t)·g at the counter's t.
    const g = grads();
    const expected = treeLeaves(treeClone(g)).flatMap(({ tensor: t }) => Array.from(t.data, (v) => Math.fround(v * -schedule(2))));
    tx.updateInPlace(g, state, params());
    expect(treeLeaves(g).flatMap(({ tensor: t }) => Array.from(t.data))).toEqual(expected);
  });

  it('keeps the tag through a chain of one, one state level down', () => {
    const tx = chain(chain(scaleByLearningRate(0.1)));
    const state = tx.init(params());
    expect(tx.descriptor?.kind).toBe('plainSgd');
    expect(tx.descriptor?.counter(state)).toBe((state[0][0] as { count: { data: Float64Array } }).count.data);
  });

  it('is absent for anything else', () => {
    for (const tx of [sgd(0.1, { momentum: 0.9 }), sgd(0.1, { nesterov: true, momentum: 0.5 }), sgd(0.1, { clipNorm: 1 }), momentum(0.1), adam(0.1), adamw(0.1), chain(scale(2), scaleByLearningRate(0.1))]) {
      expect(tx.descriptor).toBeUndefined();
    }
  });

  it('names the mismatch when the state is not the transform’s (e.g. another optimizer’s checkpoint)', () => {
    const tx = sgd(0.1);
    expect(() => tx.descriptor?.counter([[], []] as unknown as ReturnType<typeof tx.init>)).toThrow('chain: state has 2 entries for 1 transforms');
  });
});
