import { describe, expect, it } from '@jest/globals';
import { lastValueFrom, toArray } from 'rxjs';
import type { TrainingEvent } from './events.ts';
import { buildExperiment } from './experiments/build.ts';
import { presetConfig } from './experiments/presets.ts';
import { earlyStopping } from './operators/early-stopping.ts';
import { reduceLrOnPlateau } from './operators/reduce-lr-on-plateau.ts';
import type { Controller } from './train.ts';
import { paramsOf, train } from './train.ts';

type EpochEnd = Extract<TrainingEvent, { type: 'epochEnd' }>;
type RunEnd = Extract<TrainingEvent, { type: 'runEnd' }>;

// Iris (seed 1, stratified splits, 15 validation rows) with Adam at lr 0.05 over-fits fast: the validation loss is
// lowest at epoch 14 and climbs to ~0.4 by epoch 150, while the training loss keeps falling.
const overfitting = (epochs: number) => buildExperiment(presetConfig('iris'), { overrides: { lr: 0.05, epochs } }).spec;

const fakeClock = () => {
  let t = 0;
  return () => (t += 1);
};
const run = async (epochs: number, controllers: readonly Controller[], batchEvents = false) => {
  const events = await lastValueFrom(train(overfitting(epochs), { controllers, batchEvents, now: fakeClock() }).pipe(toArray()));
  const epochEnds = events.filter((e): e is EpochEnd => e.type === 'epochEnd');
  const end = events[events.length - 1] as RunEnd;
  expect(end.type).toBe('runEnd');
  return { events, epochEnds, end };
};
const validationLoss = (e: EpochEnd): number => e.validation?.loss ?? Number.NaN;
/** The 1-based epoch with the smallest of these per-epoch values. */
const bestOf = (xs: readonly number[]): number => xs.indexOf(Math.min(...xs)) + 1;

describe('earlyStopping with the real train()', () => {
  it('stops a run whose validation loss stopped improving, with an earlyStop event and runEnd.reason earlyStopped', async () => {
    const { events, epochEnds, end } = await run(150, [earlyStopping({ patience: 10 })]);
    const losses = epochEnds.map(validationLoss);
    const bestEpoch = bestOf(losses);
    expect(epochEnds.map((e) => e.epoch)).toEqual(epochEnds.map((_, i) => i + 1));
    // Exactly `patience` epochs after the best one, long before the 150 planned.
    expect(epochEnds).toHaveLength(bestEpoch + 10);
    expect(epochEnds.length).toBeLessThan(60);
    const stop = events.find((e) => e.type === 'earlyStop');
    expect(stop).toEqual({ type: 'earlyStop', epoch: bestEpoch + 10, monitor: 'validation.loss', best: losses[bestEpoch - 1], bestEpoch });
    expect(events.indexOf(stop as TrainingEvent)).toBeGreaterThan(events.indexOf(epochEnds[epochEnds.length - 1]));
    expect(end).toMatchObject({ reason: 'earlyStopped', epochs: epochEnds.length, batch: 0, bestEpoch });
    // The stop really is about over-fitting: training kept improving after the best validation epoch.
    expect(epochEnds[epochEnds.length - 1].trainLoss).toBeLessThan(epochEnds[bestEpoch - 1].trainLoss);
    expect(Math.min(...losses.slice(bestEpoch))).toBeGreaterThan(losses[bestEpoch - 1]);
  });

  it('restores the best weights even when the run completes normally (Keras #12511)', async () => {
    const { events, epochEnds, end } = await run(40, [earlyStopping({ patience: 1000 })]);
    expect(epochEnds).toHaveLength(40);
    expect(events.some((e) => e.type === 'earlyStop')).toBe(false);
    expect(end.reason).toBe('completed');
    const losses = epochEnds.map(validationLoss);
    const bestEpoch = bestOf(losses);
    expect(bestEpoch).toBeLessThan(30); // the best epoch is well before the last, so restoring matters
    expect(losses[losses.length - 1] - losses[bestEpoch - 1]).toBeGreaterThan(0.05);

    const restored = events[events.length - 2];
    const { batchesPerEpoch } = events[0] as Extract<TrainingEvent, { type: 'runStart' }>;
    expect(restored).toEqual({ type: 'restoredBest', epoch: 40, batch: batchesPerEpoch, bestEpoch, monitor: 'validation.loss', best: losses[bestEpoch - 1] });
    expect(end.bestEpoch).toBe(bestEpoch);
    expect(end.final.validation?.loss).toBeCloseTo(losses[bestEpoch - 1], 10);
    expect(Math.abs((end.final.validation?.loss ?? 0) - losses[losses.length - 1])).toBeGreaterThan(0.05);
  });

  it('leaves the last weights in place when restoreBestWeights is off', async () => {
    const { events, epochEnds, end } = await run(40, [earlyStopping({ patience: 1000, restoreBestWeights: false })]);
    expect(events.some((e) => e.type === 'restoredBest')).toBe(false);
    expect(end.bestEpoch).toBe(bestOf(epochEnds.map(validationLoss)));
    expect(end.final.validation?.loss).toBeCloseTo(validationLoss(epochEnds[epochEnds.length - 1]), 10);
  });

  it('gives the restored weights to runEnd’s params: they are the best epoch’s, not the last epoch’s', async () => {
    const restored = await run(40, [earlyStopping({ patience: 1000 })]);
    const bestEpoch = restored.end.bestEpoch ?? -1;
    expect(bestEpoch).toBeGreaterThan(0);
    const truncated = await run(bestEpoch, []); // same seed, stopped right after the best epoch
    expect(paramsOf(restored.end)).toEqual(paramsOf(truncated.end));
    expect(restored.end.final).toEqual(truncated.end.final);
  });
});

describe('reduceLrOnPlateau with the real train()', () => {
  it('lowers the learning rate seen by later batchEnd events, never below minLr', async () => {
    const { events, epochEnds } = await run(60, [reduceLrOnPlateau({ factor: 0.5, patience: 3, minLr: 0.0125 })], true);
    const lrs = events.flatMap((e) => (e.type === 'batchEnd' ? [e.learningRate] : []));
    expect(lrs[0]).toBeCloseTo(0.05, 12);
    // Each reduction is echoed as a control event and halves the lr of the next batch.
    const echoes = events.filter((e) => e.type === 'control' && e.command === 'setLearningRate');
    expect(echoes.length).toBeGreaterThanOrEqual(2);
    const steps = echoes.map((echo) => {
      const i = events.indexOf(echo);
      const before = events.slice(0, i).findLast((e) => e.type === 'batchEnd');
      const after = events.slice(i).find((e) => e.type === 'batchEnd');
      return before?.type === 'batchEnd' && after?.type === 'batchEnd' ? [before.learningRate, after.learningRate] : null;
    });
    expect(steps.slice(0, 2).every((s) => s !== null)).toBe(true);
    for (const [before, after] of steps.filter((s) => s !== null)) expect(after).toBeCloseTo(Math.max(before * 0.5, 0.0125), 12);
    expect(lrs[lrs.length - 1]).toBeCloseTo(0.0125, 12);
    for (let i = 1; i < lrs.length; i++) expect(lrs[i]).toBeLessThanOrEqual(lrs[i - 1] + 1e-15);
    expect(epochEnds[epochEnds.length - 1].learningRate).toBeCloseTo(0.0125, 12);
  });
});
