import { describe, expect, it } from '@jest/globals';
import { resolveLoss, sequential, treeClone, type ModelParams } from '@clearprop/nn';
import { createRng, tsKernels } from '@clearprop/tensor';
import { buildOptimizer } from '../optimizer.ts';
import type { OptimizerConfig } from '../spec.ts';
import { createEngine, trainBatch, type Engine } from './engine.ts';

const bytes = (params: ModelParams): number[] =>
  params.flatMap((p) => [p.weight, p.bias, ...(p.alpha ? [p.alpha] : [])]).flatMap((t) => Array.from(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength)));

/** Trains the seed's 1-2-4-2-1 net for `steps` batches of 5 on sin, with the compiled/fused path on or off. */
function run(config: OptimizerConfig, fast: boolean, steps = 200): Engine {
  const model = sequential({ inputs: 1, layers: [2, 4, 2, 1].map((units) => ({ units, activation: 'sigmoid' as const, init: 'normal' as const })) });
  const optimizer = buildOptimizer(config, steps, () => 1);
  const engine = createEngine({
    model, loss: resolveLoss('halfSumSquared'), kernels: tsKernels, params: treeClone(model.init(createRng(7))), capacity: 5,
    optimizer: optimizer.transform, fastPaths: fast,
  });
  const rng = createRng(8);
  for (let s = 0; s < steps; s++) {
    const rows = s % 7 === 6 ? 3 : 5;
    for (let r = 0; r < rows; r++) {
      engine.ws.input[r] = (rng.next() * 2 - 1) * Math.PI;
      engine.ws.target[r] = Math.sin(engine.ws.input[r]);
    }
    trainBatch(engine, rows);
  }
  return engine;
}

describe('the engine’s fast path (compiled step, fused plain SGD)', () => {
  it('is taken for a tiny net under plain SGD', () => {
    const engine = run({ name: 'sgd', lr: 1.5, schedule: { name: 'poly', power: 0.25 } }, true, 1);
    expect(engine.compiled).toBeDefined();
    expect(engine.sgd).toBeDefined();
  });
  for (const config of [
    { name: 'sgd', lr: 1.5, schedule: { name: 'poly', power: 0.25 } },
    { name: 'sgd', lr: 0.5, momentum: 0.9 },
    { name: 'adam', lr: 0.01 },
  ] as const satisfies readonly OptimizerConfig[]) {
    it(`gives the generic engine's weights, optimizer state and updates bit for bit: ${JSON.stringify(config)}`, () => {
      const fast = run(config, true);
      const generic = run(config, false);
      expect(fast.sgd !== undefined).toBe(config.name === 'sgd' && !('momentum' in config));
      expect(bytes(fast.params)).toEqual(bytes(generic.params));
      expect(bytes(fast.ws.grads)).toEqual(bytes(generic.ws.grads));
      expect(fast.optState).toEqual(generic.optState);
    });
  }
  it('leaves the params alone on a non-finite loss and reports it', () => {
    const engine = run({ name: 'sgd', lr: 0.1 }, true, 1);
    const before = bytes(engine.params);
    engine.ws.target[0] = Number.NaN;
    expect(trainBatch(engine, 5)).toBe(false);
    expect(bytes(engine.params)).toEqual(before);
    expect(engine.sgd?.count[0]).toBe(1); // no step counted
    expect(engine.optimizer.descriptor?.counter(engine.optState)).toBe(engine.sgd?.count); // the counter that checkpoints
  });
});
