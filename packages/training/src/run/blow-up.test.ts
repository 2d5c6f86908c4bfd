import { describe, expect, it } from '@jest/globals';
import { createRng } from '@clearprop/tensor';
import { sequential } from '@clearprop/nn';
import type { TrainingEvent } from '../events.ts';
import { buildExperiment } from '../experiments/build.ts';
import { presetConfig } from '../experiments/presets.ts';
import type { TrainOptions, TrainSpec } from '../spec.ts';
import { paramsOf } from '../train.ts';
import { createRun } from './run-state.ts';
import { ended, step } from './step.ts';

// The repro: the iris preset (standardized, 4-16-3 relu/softmax, Adam) at lr 1e6. Adam's step is about
// lr per weight whatever the gradient, so the loss races to ~1e12 without ever becoming NaN or ∞.
const spec = (lr: number, batchSize = 16): TrainSpec => buildExperiment(presetConfig('iris'), { overrides: { lr, batchSize } }).spec;
const clock = () => {
  let t = 0;
  return () => (t += 1);
};
const drain = (s: TrainSpec, options: Omit<TrainOptions, 'yieldEveryMs'> = {}): TrainingEvent[] => {
  const state = createRun(s, { now: clock(), ...options });
  const events: TrainingEvent[] = [];
  while (!ended(state)) events.push(...step(state));
  return events;
};
const batchLosses = (events: readonly TrainingEvent[]) => events.flatMap((e) => (e.type === 'batchEnd' ? [e.loss] : []));

describe('the blow-up guard (divergence without NaN, any optimizer) (#11 F7)', () => {
  it('Adam at lr 1e6: the run diverges once the loss stayed over 1e6× its first value for 5 batches, with a diagnosis', () => {
    const events = drain(spec(1e6));
    const losses = batchLosses(events);
    // Every loss the run reported is finite: only the blow-up guard can have stopped it.
    expect(losses.every(Number.isFinite)).toBe(true);
    const over = losses.map((loss) => loss > 1e6 * losses[0]);
    const divergence = events.find((e) => e.type === 'divergence');
    expect(divergence).toMatchObject({ type: 'divergence', layer: null, cause: 'learningRateTooHigh', action: 'stopped' });
    if (divergence?.type !== 'divergence') throw new Error('no divergence event');
    expect(divergence.loss).toBeGreaterThan(1e6 * losses[0]);
    // The diverging batch is the 5th in a row over the threshold; the 4 before it were reported as batchEnd.
    expect(over.slice(-4)).toEqual([true, true, true, true]);
    expect(divergence.step).toBe(losses.length + 1);
    expect(divergence.message).toBe(`the loss stayed above 1e6× its first value (${losses[0].toPrecision(3)}) for 5 batches in a row at learning rate 1000000: lower it or clip gradients`);
    expect(events.at(-1)).toMatchObject({ type: 'runEnd', reason: 'diverged' });
  });

  it('rollback puts back the weights from before the blow-up, even when it began in an earlier epoch', () => {
    // Two batches per epoch: the streak that trips the guard spans epochs, whose starts hold blown-up weights.
    const s = spec(1e6, 60);
    const events = drain(s, { onDivergence: 'rollback', blowUp: { batches: 4 } });
    const divergence = events.find((e) => e.type === 'divergence');
    expect(divergence).toMatchObject({ action: 'rolledBack' });
    expect(divergence?.type === 'divergence' && divergence.epoch).toBeGreaterThan(1);
    const initial = sequential(s.model).init(createRng(s.seed).split());
    const end = events.at(-1);
    if (end?.type !== 'runEnd') throw new Error('no runEnd');
    expect(paramsOf(end)?.map((l) => Array.from(l.weight.data))).toEqual(initial.map((l) => Array.from(l.weight.data)));
  });

  it('changes nothing in a run that does not blow up: the same events, bit for bit, as with the guard off', () => {
    const strip = (events: readonly TrainingEvent[]) => JSON.stringify(events);
    const guarded = drain(spec(0.01));
    expect(guarded.some((e) => e.type === 'divergence')).toBe(false);
    expect(strip(guarded)).toBe(strip(drain(spec(0.01), { blowUp: { factor: Infinity } })));
  });

  it('factor and batches are options; bad values are a TrainSpecError naming the option', () => {
    const early = drain(spec(1e6), { blowUp: { factor: 1e3, batches: 2 } });
    const late = drain(spec(1e6));
    const stepOf = (events: readonly TrainingEvent[]) => events.flatMap((e) => (e.type === 'divergence' ? [e.step] : []))[0];
    expect(stepOf(early)).toBeLessThan(stepOf(late));
    expect(drain(spec(1e6), { blowUp: { factor: Infinity } }).some((e) => e.type === 'divergence')).toBe(false);
    expect(() => createRun(spec(1), { blowUp: { factor: 1 } })).toThrow('blowUp.factor must be a number > 1');
    expect(() => createRun(spec(1), { blowUp: { batches: 0.5 } })).toThrow('blowUp.batches must be a positive integer, got 0.5');
  });
});
