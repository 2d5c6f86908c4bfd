import { describe, expect, it } from '@jest/globals';
import { dataset, twoMoons, withClassWeights } from '@clearprop/data';
import { createRng } from '@clearprop/tensor';
import { checkpointToResumePoint, snapshotToCheckpoint } from '../checkpointing.ts';
import type { TrainingEvent } from '../events.ts';
import { decodeCheckpoint, encodeCheckpoint } from '../files/checkpoint.ts';
import type { TrainSpec } from '../spec.ts';
import { paramsOf } from '../train.ts';
import { createRun, type RunState } from './run-state.ts';
import { snapshot } from './snapshot.ts';
import { ended, step } from './step.ts';

// Two moons with a dropout layer, penalties on both layers and class-weighted rows: everything this file covers.
const moons = twoMoons(60, { rng: createRng(4), noise: 0.1 });
const spec: TrainSpec = {
  name: 'moons',
  model: {
    inputs: 2,
    layers: [
      { units: 12, activation: 'tanh', dropout: 0.3, regularization: { l2: 1e-3, l1: 1e-4 } },
      { units: 2, activation: 'softmax', regularization: { l2: 1e-3 } },
    ],
  },
  loss: 'softmaxCrossEntropy',
  optimizer: { name: 'adam', lr: 0.05 },
  train: withClassWeights(moons, [1, 3]),
  validation: withClassWeights(twoMoons(20, { rng: createRng(5), noise: 0.1 }), [1, 3]),
  epochs: 3,
  batchSize: 16,
  seed: 11,
};

const clock = () => {
  let t = 0;
  return () => (t += 1);
};
const drain = (state: RunState, limit = 10_000): TrainingEvent[] => {
  const events: TrainingEvent[] = [];
  for (let i = 0; i < limit && !ended(state); i++) events.push(...step(state));
  return events;
};
const of = <K extends TrainingEvent['type']>(events: readonly TrainingEvent[], type: K) =>
  events.filter((e): e is Extract<TrainingEvent, { type: K }> => e.type === type);
const weights = (events: TrainingEvent[]) => paramsOf(of(events, 'runEnd')[0])?.map((l) => Array.from(l.weight.data));

describe('a run with dropout, weight penalties and class weights', () => {
  it('reports the penalty next to the weighted train loss, and the unweighted losses beside the weighted ones', () => {
    const events = drain(createRun(spec, { now: clock() }));
    const ends = of(events, 'epochEnd');
    expect(ends).toHaveLength(3);
    for (const e of ends) {
      expect(e.train.loss).toBe(e.trainLoss);
      expect(e.train.penalty).toBeGreaterThan(0);
      expect(e.train.unweightedLoss).toBeGreaterThan(0);
      expect(e.train.unweightedLoss).not.toBe(e.train.loss);
      expect(e.validation?.unweightedLoss).toBeGreaterThan(0);
      expect(e.validation?.f1).toBeGreaterThan(0);
      expect(e.validation?.penalty).toBeUndefined();
    }
  });
  it('draws dropout masks from the run’s seed: the same seed repeats the run, another changes it', () => {
    const first = weights(drain(createRun(spec, { now: clock() })));
    expect(weights(drain(createRun(spec, { now: clock() })))).toEqual(first);
    expect(weights(drain(createRun({ ...spec, seed: 12 }, { now: clock() })))).not.toEqual(first);
  });
  it('runs the generic path (the generated tiny-net step declines penalties and dropout)', () => {
    const state = createRun(spec, { now: clock() });
    expect(state.engine.compiled).toBeUndefined();
    expect(state.engine.dropout).toBe(state.dropoutRng);
    expect(state.engine.weighted).toBe(true);
  });
  it('resumes mid-epoch from a checkpoint file bit for bit: weights, optimizer, shuffle and dropout RNG, epoch sums', () => {
    const full = drain(createRun(spec, { now: clock() }));
    const first = createRun(spec, { now: clock() });
    drain(first, 6); // runStart, then 5 batches: one batch into epoch 2 (4 batches per epoch)
    const file = decodeCheckpoint(encodeCheckpoint(snapshotToCheckpoint(snapshot(first), spec)));
    const resumed = drain(createRun(spec, { now: clock(), resumeFrom: checkpointToResumePoint(file) }));
    expect(weights(resumed)).toEqual(weights(full));
    const numbers = (events: TrainingEvent[]) => of(events, 'epochEnd').map((e) => [e.epoch, e.train, e.validation?.loss]);
    expect(numbers(resumed)).toEqual(numbers(full).slice(1));
  });
  it('a resume without the dropout RNG state draws other masks (the state matters)', () => {
    const full = drain(createRun(spec, { now: clock() }));
    const first = createRun(spec, { now: clock() });
    drain(first, 6);
    const { dropoutRngState: _lost, ...withoutDropoutState } = snapshot(first);
    expect(weights(drain(createRun(spec, { now: clock(), resumeFrom: withoutDropoutState })))).not.toEqual(weights(full));
  });
});

describe('binary classification with one output unit', () => {
  const x = [-2, -1, -0.5, 0.5, 1, 2];
  const data = dataset({ x, y: [0, 0, 0, 1, 1, 1], features: 1, targets: 1, classes: 2, task: 'classification' });
  const binary: TrainSpec = {
    model: { inputs: 1, layers: [{ units: 1, activation: 'sigmoid' }] }, loss: 'binaryCrossEntropy', optimizer: { name: 'adam', lr: 0.1 },
    train: data, validation: data, epochs: 40, batchSize: 6, seed: 1,
  };
  it('reports accuracy, F1 and AUC, and a 2×2 confusion matrix', () => {
    const events = drain(createRun(binary, { now: clock(), snapshotEvery: 40 }));
    const last = of(events, 'epochEnd').at(-1);
    expect(last?.validation).toMatchObject({ accuracy: 1, f1: 1, auc: 1 });
    expect(of(events, 'confusionMatrix')[0]).toMatchObject({ labels: ['0', '1'], matrix: [[3, 0], [0, 3]] });
  });
  it('a threshold near 1 turns every prediction into class 0', () => {
    const events = drain(createRun({ ...binary, threshold: 0.999 }, { now: clock(), snapshotEvery: 40 }));
    expect(of(events, 'confusionMatrix')[0].matrix).toEqual([[3, 0], [3, 0]]);
    expect(of(events, 'runStart')[0].config.dataset.threshold).toBe(0.999);
  });
  it('rejects a threshold outside (0, 1) or on a model that is not a binary classifier, and a 1-unit softmax', () => {
    expect(() => createRun({ ...binary, threshold: 1 })).toThrow('threshold must be in (0, 1), got 1');
    const regression = dataset({ x, y: x, features: 1, targets: 1 });
    expect(() => createRun({ ...binary, train: regression, validation: regression, loss: 'meanSquaredError', threshold: 0.3 })).toThrow('threshold applies to a binary classifier');
    expect(() => createRun({ ...binary, model: { inputs: 1, layers: [{ units: 1, activation: 'softmax' }] } })).toThrow('model.layers[0]: softmax over 1 unit always outputs 1');
  });
});
