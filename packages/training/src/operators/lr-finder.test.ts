import { describe, expect, it } from '@jest/globals';
import { xor } from '@clearprop/data';
import { lastValueFrom, toArray } from 'rxjs';
import type { TrainingEvent } from '../events.ts';
import type { TrainSpec } from '../spec.ts';
import { train } from '../train.ts';
import { lrFinder, lrFinderSettings, lrSweep, suggestLr, sweepRate, type LrSweepPoint } from './lr-finder.ts';

describe('the learning-rate sweep', () => {
  it('runs exponentially from min at the first batch to max at the last', () => {
    const s = lrFinderSettings({ min: 1e-4, max: 1, steps: 5 });
    expect([1, 2, 3, 4, 5].map((k) => sweepRate(s, k))).toEqual([1e-4, 1e-3, 1e-2, 1e-1, 1].map((v, i) => expect.closeTo(v, 12 - 3 * i)));
  });

  it('smooths with a bias-corrected moving average and stops once it passes 4× its minimum', () => {
    const sweep = lrSweep({ steps: 10, beta: 0.5 });
    // Average a ← ½a + ½loss from 0: loss 4 → a = 2, s₁ = 2/(1 − ½) = 4; loss 2 → a = 2, s₂ = 2/(1 − ¼) = 2.667;
    // loss 1 → a = 1.5, s₃ = 1.5/(1 − ⅛) = 1.714.
    expect([sweep.add(0.1, 4), sweep.add(0.2, 2), sweep.add(0.3, 1)]).toEqual([null, null, null]);
    expect(sweep.points.map((p) => p.smoothed)).toEqual([4, 2 / 0.75, 1.5 / 0.875].map((v) => expect.closeTo(v, 12)));
    // Minimum 1.714; a loss of 40 → a = 20.75, s₄ = 20.75/0.9375 = 22.13 > 4 × 1.714.
    expect(sweep.add(0.4, 40)).toBe('exploded');
    const finished = lrSweep({ steps: 5 });
    expect([1, 1, 1, 1].map((l) => finished.add(0.1, l))).toEqual([null, null, null, null]);
    expect(finished.add(0.1, 1)).toBe('completed');
    expect(lrSweep().add(1, Number.NaN)).toBe('nonFinite');
  });

  it('rejects sweeps that cannot run, naming the setting', () => {
    expect(() => lrFinderSettings({ min: 1, max: 1 })).toThrow('the smallest rate (1) must be below the largest (1)');
    expect(() => lrFinderSettings({ steps: 4 })).toThrow('at least 5 steps, got 4');
    expect(() => lrFinderSettings({ min: 0 })).toThrow('the smallest rate must be a positive number, got 0');
    expect(() => lrFinderSettings({ max: -2 })).toThrow('the largest rate must be a positive number, got -2');
  });
});

describe('suggestLr', () => {
  // Smoothed loss over 41 points, lr = 10^(−6 + k/5): flat at 2 until 1e-4, then falling along a tanh whose
  // steepest point is at lr = 1e-2 (k = 20), then rising again after 1e0.
  const curve = (f: (logLr: number) => number): LrSweepPoint[] =>
    Array.from({ length: 41 }, (_, k) => ({ step: k + 1, lr: 10 ** (-6 + k / 5), loss: f(-6 + k / 5), smoothed: f(-6 + k / 5) }));

  it('steepest: the most negative gradient of the smoothed loss, past the first tenth and before the last point', () => {
    const points = curve((x) => 1.1 - Math.tanh(1.5 * (x + 2)) + (x > 0 ? x * x : 0));
    const found = suggestLr(points, { rule: 'steepest' });
    expect(found).toMatchObject({ rule: 'steepest', noSuggestion: null });
    expect(found.suggestedLr).toBeCloseTo(1e-2, 12);
    expect(found.steepestLr).toBe(found.suggestedLr);
    expect(found.minLossLr).toBeCloseTo(10 ** 0, 12);
  });

  it('valley (the default): halfway down the longest falling stretch, worked by hand', () => {
    // 11 points at lr = 10^k; the window drops the first (a tenth) and the last: 2.9 3.1 2.5 2.0 2.2 1.5 1.0 3 9.
    // Longest decreasing run 2.9 2.5 2.0 1.5 1.0 ends at window index 6, length 5 → start 6 − 5 = 1, sections 5/3,
    // index 1 + 1 + ⌊0.83⌋ = 2 → 2.5 at lr 10³. Steepest: central differences, most negative (1.0 − 2.2)/2 at 1.5 → 10⁶.
    const y = [3, 2.9, 3.1, 2.5, 2.0, 2.2, 1.5, 1.0, 3, 9, 12];
    const points = y.map((smoothed, k) => ({ step: k + 1, lr: 10 ** k, loss: smoothed, smoothed }));
    expect(suggestLr(points)).toMatchObject({ rule: 'valley', suggestedLr: 1e3, valleyLr: 1e3, steepestLr: 1e6, minLoss: 1, minLossLr: 1e7 });
  });

  it('says so when the loss never falls (a flat or rising curve) or there are too few points', () => {
    expect(suggestLr(curve((x) => 0.693 + 1e-4 * (x + 6)))).toMatchObject({ suggestedLr: null, noSuggestion: 'the smoothed loss never fell 10% below where it started (0.693)' });
    expect(suggestLr(curve((x) => 2).slice(0, 3))).toMatchObject({ suggestedLr: null, noSuggestion: 'only 3 points: too few to find a slope' });
  });
});

describe('lrFinder on the training stream', () => {
  const spec: TrainSpec = {
    name: 'xor', model: { inputs: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 2, activation: 'softmax' }] },
    loss: 'softmaxCrossEntropy', optimizer: { name: 'sgd', lr: 0.5 }, train: xor(), epochs: 50, batchSize: 2, seed: 7,
  };
  const run = (options: Parameters<typeof lrFinder>[0]) =>
    lastValueFrom(train(spec, { controllers: [lrFinder(options)], boundaryGrid: false, now: () => 0 }).pipe(toArray()));
  const batches = (events: readonly TrainingEvent[]) => events.flatMap((e) => (e.type === 'batchEnd' ? [e] : []));

  it('sets the rate of every batch (the first one too) and stops after `steps` batches', async () => {
    const events = await run({ min: 1e-3, max: 1e-1, steps: 9 });
    const settings = lrFinderSettings({ min: 1e-3, max: 1e-1, steps: 9 });
    expect(batches(events).map((e) => e.learningRate)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => expect.closeTo(sweepRate(settings, k), 15)));
    expect(events.at(-1)).toMatchObject({ type: 'runEnd', reason: 'stopped', steps: 9 });
  });

  it('stops as soon as the smoothed loss passes 4× its minimum (rates up to 10⁴ blow it up)', async () => {
    const events = await run({ min: 1e-2, max: 1e4, steps: 60 });
    const seen = batches(events);
    const sweep = lrSweep({ min: 1e-2, max: 1e4, steps: 60 });
    const ends = seen.map((e) => sweep.add(e.learningRate, e.loss));
    const end = events.at(-1);
    // Either the smoothed loss exploded at the last batch seen, or a loss became NaN and the run diverged.
    if (end?.type === 'runEnd' && end.reason === 'diverged') expect(events.some((e) => e.type === 'divergence')).toBe(true);
    else expect(ends.at(-1)).toBe('exploded');
    expect(ends.slice(0, -1).every((v) => v === null)).toBe(true);
    expect(seen.length).toBeLessThan(60);
  });
});
