import { describe, expect, it } from '@jest/globals';
import { xor } from '@clearprop/data';
import { resolveLoss, sequential, treeClone } from '@clearprop/nn';
import { createRng, fromData, tsKernels } from '@clearprop/tensor';
import { buildOptimizer } from '../optimizer.ts';
import { createRun } from '../run/run-state.ts';
import { ended, step } from '../run/step.ts';
import type { TrainSpec } from '../spec.ts';
import { trainStep, type TrainState } from './train-step.ts';

const spec: TrainSpec = {
  model: { inputs: 2, layers: [{ units: 5, activation: 'tanh' }, { units: 2, activation: 'softmax' }] },
  loss: 'softmaxCrossEntropy',
  optimizer: { name: 'adam', lr: 0.1 },
  train: xor(),
  epochs: 6,
  batchSize: 4,
  seed: 3,
  shuffle: false,
};

describe('trainStep, the pure core', () => {
  it('repeated on the full batch, gives the training loop’s weights bit for bit', () => {
    const run = createRun(spec, { kernels: tsKernels, batchEvents: false });
    const initial = treeClone(run.engine.params);
    while (!ended(run)) step(run);
    const model = sequential(spec.model);
    const optimizer = buildOptimizer(spec.optimizer, spec.epochs, () => 1).transform;
    const batch = { x: fromData(spec.train.x, [4, 2]), y: fromData(spec.train.y, [4, 2]) };
    let state: TrainState = { params: initial, optState: optimizer.init(initial), step: 0 };
    const losses: number[] = [];
    for (let i = 0; i < spec.epochs; i++) {
      const next = trainStep({ model, loss: resolveLoss(spec.loss), optimizer, kernels: tsKernels }, state, batch);
      losses.push(next.loss);
      state = next.state;
    }
    expect(state.step).toBe(6);
    expect(state.params.map((l) => Array.from(l.weight.data))).toEqual(run.engine.params.map((l) => Array.from(l.weight.data)));
    expect(state.params.map((l) => Array.from(l.bias.data))).toEqual(run.engine.params.map((l) => Array.from(l.bias.data)));
    expect(losses[5]).toBeLessThan(losses[0]);
  });

  it('never mutates the state or the batch it is given', () => {
    const model = sequential(spec.model);
    const optimizer = buildOptimizer(spec.optimizer, 1, () => 1).transform;
    const params = model.init(createRng(1));
    const state: TrainState = { params, optState: optimizer.init(params), step: 0 };
    const x = fromData(Float32Array.from(spec.train.x), [4, 2]);
    const y = fromData(Float32Array.from(spec.train.y), [4, 2]);
    const before = JSON.stringify([state.params.map((l) => [Array.from(l.weight.data), Array.from(l.bias.data)]), Array.from(x.data), Array.from(y.data)]);
    const next = trainStep({ model, loss: resolveLoss(spec.loss), optimizer }, state, { x, y });
    expect(JSON.stringify([state.params.map((l) => [Array.from(l.weight.data), Array.from(l.bias.data)]), Array.from(x.data), Array.from(y.data)])).toBe(before);
    expect(next.state.params[0].weight.data).not.toBe(params[0].weight.data);
    expect(Array.from(next.state.params[0].weight.data)).not.toEqual(Array.from(params[0].weight.data));
  });
});
