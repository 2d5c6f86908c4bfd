import { describe, expect, it } from '@jest/globals';
import { tensor } from '@clearprop/tensor';
import { expectClose } from '@clearprop/tensor/testing';
import { treeLeaves, treeMap, type ParamTree } from '../tree.ts';
import { sgd } from '../optim/aliases.ts';
import { minimize, optimizerTargets, type OptimizerTarget } from './optimizer-targets.ts';

const flat = (tree: ParamTree): number[] => treeLeaves(tree).flatMap(({ tensor: t }) => Array.from(t.data));

/** Central differences in float64, one coordinate at a time. */
function numericGrad(target: OptimizerTarget, params: ParamTree): number[] {
  const h = 1e-6;
  const out: number[] = [];
  for (const { tensor: leaf } of treeLeaves(params)) {
    for (let i = 0; i < leaf.data.length; i++) {
      const saved = leaf.data[i];
      leaf.data[i] = saved + h;
      const plus = target.valueAndGrad(params).value;
      leaf.data[i] = saved - h;
      const minus = target.valueAndGrad(params).value;
      leaf.data[i] = saved;
      out.push((plus - minus) / (2 * h));
    }
  }
  return out;
}

describe.each(optimizerTargets)('$name', (target) => {
  it('has an analytic gradient matching central differences', () => {
    const params = treeMap(target.init('float64'), (t) => tensor(Array.from(t.data, (x, i) => x + 0.3 * (i + 1)), t.shape, { dtype: 'float64' }));
    expectClose(flat(target.valueAndGrad(params).grads), numericGrad(target, params), { rtol: 1e-6, atol: 1e-6 });
  });

  it('has zero loss and gradient at its optimum, and a positive loss at the start', () => {
    const start = target.init('float64');
    const values = target.optimum;
    let k = 0;
    const optimum = treeMap(start, (t) => tensor(Array.from(t.data, () => values[k++]), t.shape, { dtype: 'float64' }));
    const { value, grads } = target.valueAndGrad(optimum);
    expect(value).toBe(0);
    expect(flat(grads).every((g) => g === 0)).toBe(true);
    expect(target.valueAndGrad(start).value).toBeGreaterThanOrEqual(1);
  });

  it('keeps the requested dtype through minimize', () => {
    const { params } = minimize(target, sgd(1e-3), { steps: 2, dtype: 'float64' });
    expect(treeLeaves(params).every(({ tensor: t }) => t.dtype === 'float64')).toBe(true);
  });
});
