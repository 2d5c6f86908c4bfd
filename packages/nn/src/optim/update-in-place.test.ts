import { describe, expect, it } from '@jest/globals';
import { tensor } from '@clearprop/tensor';
import { adam, adamw, sgd, type Optimizer } from './aliases.ts';
import { applyUpdatesInPlace } from './apply-updates.ts';
import { cosineDecay } from './schedules.ts';

const tree = () => ({
  layers: [
    { w: tensor(new Array(64).fill(0.1), [8, 8]), b: tensor(new Array(8).fill(0.2), [8]) },
    { w: tensor([1, 2], [2, 1], { dtype: 'float64' }), b: tensor([0], [1], { dtype: 'float64' }) },
  ],
});

/**
 * The engine path runs every batch, so it must not allocate. heapUsed only grows between collections, so a
 * per-call allocation shows up as ≥ 16 bytes/call (one boxed number); the 1 byte/call budget leaves room for JIT
 * bookkeeping. Before the scalars scratch (leaves.ts), these optimizers measured 17–32 bytes/call.
 */
describe('updateInPlace + applyUpdatesInPlace', () => {
  it.each<{ name: string; make: () => Optimizer }>([
    { name: 'adamw + clipNorm + cosineDecay', make: () => adamw(cosineDecay(1e-3, 1_000_000), { clipNorm: 1 }) },
    { name: 'adam + cosineDecay (fused)', make: () => adam(cosineDecay(1e-3, 1_000_000)) },
    { name: 'sgd + nesterov', make: () => sgd(1e-3, { momentum: 0.9, nesterov: true }) },
  ])('$name does not allocate per call', ({ make }) => {
    const optimizer = make();
    const params = tree();
    const grads = tree();
    const state = optimizer.init(params);
    // The engine's path: the fused apply where the optimizer has one.
    const run = (calls: number): void => {
      for (let i = 0; i < calls; i++) {
        if (optimizer.applyInPlace !== undefined) {
          optimizer.applyInPlace(grads, state, params);
        } else {
          optimizer.updateInPlace(grads, state, params);
          applyUpdatesInPlace(params, grads);
        }
      }
    };
    run(50_000); // past tier-up, so the optimized code is what gets measured
    // Median of 5 trials: one trial can be masked by a collection or inflated by a late recompilation under load,
    // but a real 16-byte allocation per call shows in most of them (20k calls ≈ 320 kB ≪ the young generation).
    const calls = 20_000;
    const trials = Array.from({ length: 5 }, () => {
      const before = process.memoryUsage().heapUsed;
      run(calls);
      return (process.memoryUsage().heapUsed - before) / calls;
    }).sort((a, b) => a - b);
    expect(trials[2]).toBeLessThan(1);
  });
});
