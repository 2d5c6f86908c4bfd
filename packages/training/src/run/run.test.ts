import { describe, expect, it } from '@jest/globals';
import { splitDataset, xor } from '@clearprop/data';
import { createRng } from '@clearprop/tensor';
import type { TrainingEvent } from '../events.ts';
import type { TrainSpec } from '../spec.ts';
import { paramsOf } from '../train.ts';
import { handle } from './handle.ts';
import { createRun, type RunState } from './run-state.ts';
import { snapshot } from './snapshot.ts';
import { MAX_TRAIN_CONFUSIONS } from './snapshots.ts';
import { ended, step } from './step.ts';

const spec: TrainSpec = {
  name: 'xor',
  model: { inputs: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 2, activation: 'softmax' }] },
  loss: 'softmaxCrossEntropy',
  optimizer: { name: 'adam', lr: 0.05 },
  train: xor(),
  epochs: 3,
  batchSize: 2,
  seed: 7,
};

const clock = () => {
  let t = 0;
  return () => (t += 1);
};
/** Calls step until the run ends (at most `limit` times); returns every event, copied out of the reused array. */
const drain = (state: RunState, limit = 10_000): TrainingEvent[] => {
  const events: TrainingEvent[] = [];
  for (let i = 0; i < limit && !ended(state); i++) events.push(...step(state));
  return events;
};
const of = <K extends TrainingEvent['type']>(events: readonly TrainingEvent[], type: K) =>
  events.filter((e): e is Extract<TrainingEvent, { type: K }> => e.type === type);

describe('the run state machine, driven by step()', () => {
  it('first step announces the run; each later step is one batch, opening and closing epochs, numbered from 1', () => {
    const state = createRun(spec, { now: clock() });
    expect(step(state).map((e) => e.type)).toEqual(['runStart']);
    expect(step(state).map((e) => e.type)).toEqual(['epochStart', 'batchEnd']);
    expect(step(state).map((e) => e.type)).toEqual(['batchEnd', 'layerStats', 'epochEnd', 'confusionMatrix', 'boundary']);
    const rest = drain(state);
    const all = of(rest, 'batchEnd').map((e) => [e.epoch, e.batch]);
    expect(all).toEqual([[2, 1], [2, 2], [3, 1], [3, 2]]);
    expect(of(rest, 'epochEnd').map((e) => e.epoch)).toEqual([2, 3]);
    expect(rest[rest.length - 1]).toMatchObject({ type: 'runEnd', reason: 'completed', epochs: 3, batch: 0, steps: 6 });
    expect(step(state)).toEqual([]);
  });

  it('a paused run does not move; resume continues from the same place', () => {
    const state = createRun(spec, { now: clock() });
    drain(state, 3);
    expect(handle(state, { type: 'pause' }).events).toEqual([expect.objectContaining({ type: 'control', command: 'pause', state: 'paused', epoch: 1, batch: 2, step: 2 })]);
    for (let i = 0; i < 5; i++) expect(step(state)).toEqual([]);
    expect(state.step).toBe(2);
    handle(state, { type: 'resume' });
    expect(step(state).map((e) => e.type)).toEqual(['epochStart', 'batchEnd']);
    expect(state.step).toBe(3);
  });

  it('a stop mid-epoch ends with the epochs completed plus the batches done, and a snapshot names the same place', () => {
    const state = createRun({ ...spec, epochs: 5 }, { now: clock() });
    drain(state, 1 + 2 * 2 + 1); // runStart, two epochs of two batches, one batch of epoch 3
    const echo = handle(state, { type: 'stop' }).events[0];
    expect(echo).toMatchObject({ type: 'control', command: 'stop', epoch: 3, batch: 1, step: 5, state: 'stopped' });
    const saved = snapshot(state);
    expect(saved).toMatchObject({ epoch: 2, batchIndex: 1, step: 5, position: { epoch: 3, batch: 1 } });
    expect(step(state)).toEqual([expect.objectContaining({ type: 'runEnd', reason: 'stopped', epochs: 2, batch: 1, steps: 5 })]);
  });

  it('markBest carries its own epoch: a 3/3 run whose best is its last epoch restores epoch 3', () => {
    const state = createRun(spec, { now: clock() });
    const events = [...step(state)];
    while (!ended(state)) {
      for (const e of step(state)) {
        events.push(e);
        if (e.type === 'epochEnd') handle(state, { type: 'markBest', epoch: e.epoch, monitor: 'train.loss', value: e.trainLoss, restoreAtEnd: true });
      }
    }
    expect(of(events, 'restoredBest')).toEqual([expect.objectContaining({ bestEpoch: 3, epoch: 3, batch: 2 })]);
    expect(of(events, 'runEnd')[0]).toMatchObject({ epochs: 3, bestEpoch: 3 });
  });

  it('earlyStop echoes the epoch that decided and ends the run at the next boundary', () => {
    const state = createRun(spec, { now: clock() });
    drain(state, 3);
    expect(handle(state, { type: 'earlyStop', epoch: 1, monitor: 'validation.loss', best: 0.5, bestEpoch: 1 }).events).toEqual([
      { type: 'earlyStop', epoch: 1, monitor: 'validation.loss', best: 0.5, bestEpoch: 1 },
    ]);
    expect(step(state)).toEqual([expect.objectContaining({ type: 'runEnd', reason: 'earlyStopped', epochs: 1, batch: 0 })]);
  });

  it('resuming from a mid-epoch snapshot gives the uninterrupted run bit for bit', () => {
    const full = createRun(spec, { now: clock() });
    const fullEvents = drain(full);
    const first = createRun(spec, { now: clock() });
    drain(first, 4); // runStart + 3 batches: one batch into epoch 2
    const resumed = createRun(spec, { now: clock(), resumeFrom: snapshot(first) });
    const resumedEvents = drain(resumed);
    expect(resumedEvents[1]).toEqual({ type: 'epochStart', epoch: 2 });
    const weights = (events: TrainingEvent[]) => paramsOf(of(events, 'runEnd')[0])?.map((l) => Array.from(l.weight.data));
    expect(weights(resumedEvents)).toBeDefined();
    expect(weights(resumedEvents)).toEqual(weights(fullEvents));
    expect(of(resumedEvents, 'epochEnd').map((e) => e.trainLoss)).toEqual(of(fullEvents, 'epochEnd').slice(1).map((e) => e.trainLoss));
  });

  it('without a validation split, classification snapshots count the training set, and the last epoch also test', () => {
    const data = splitDataset(xor(40, { rng: createRng(2), noise: 0.1 }), { fractions: { train: 0.75, validation: 0, test: 0.25 }, rng: createRng(3) });
    const state = createRun({ ...spec, train: data.train, test: data.test, epochs: 2, batchSize: 10 }, { now: clock(), snapshotEvery: 1 });
    const matrices = of(drain(state), 'confusionMatrix').map((e) => [e.epoch, e.split, e.matrix.flat().reduce((a, b) => a + b, 0)]);
    expect(matrices).toEqual([[1, 'train', 30], [2, 'train', 30], [2, 'test', 10]]);
  });

  it('the training-set confusion comes at most MAX_TRAIN_CONFUSIONS times a run (a validation one every snapshot)', () => {
    const data = splitDataset(xor(40, { rng: createRng(2), noise: 0.1 }), { fractions: { train: 0.75, validation: 0.25 }, rng: createRng(3) });
    const epochsOf = (events: TrainingEvent[], split: string) => of(events, 'confusionMatrix').filter((e) => e.split === split).map((e) => e.epoch);
    // 100 epochs, a snapshot every epoch: 20 on the training set, every 5th epoch, the last among them.
    const unvalidated = drain(createRun({ ...spec, train: data.train, epochs: 100, batchSize: 30 }, { now: clock(), snapshotEvery: 1 }));
    expect(MAX_TRAIN_CONFUSIONS).toBe(20);
    expect(epochsOf(unvalidated, 'train')).toEqual(Array.from({ length: 20 }, (_, i) => 5 * (i + 1)));
    // 43 epochs: every 3rd (⌈43 / 20⌉) and the last, which is not a multiple of 3.
    expect(epochsOf(drain(createRun({ ...spec, train: data.train, epochs: 43, batchSize: 30 }, { now: clock(), snapshotEvery: 1 })), 'train'))
      .toEqual([...Array.from({ length: 14 }, (_, i) => 3 * (i + 1)), 43]);
    const validated = drain(createRun({ ...spec, train: data.train, validation: data.validation, epochs: 100, batchSize: 30 }, { now: clock(), snapshotEvery: 1 }));
    expect(epochsOf(validated, 'validation')).toHaveLength(100);
  });

  it('rejects resume weights for another architecture, naming the layer', () => {
    const other = createRun({ ...spec, model: { inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'softmax' }] } });
    expect(() => createRun(spec, { resumeFrom: snapshot(other) })).toThrow('resume: layer 0 weights/bias are 4×2/4, the model needs 8×2/8');
  });
});
