import { describe, expect, it } from '@jest/globals';
import { TestScheduler } from 'rxjs/testing';
import type { ControlCommand, Metrics, TrainingEvent } from '../events.ts';
import { reduceLrOnPlateau } from './reduce-lr-on-plateau.ts';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** An epochEnd reporting `learningRate` and these validation metrics (none when undefined; train loss is then `trainLoss`). */
const epochEnd = (epoch: number, learningRate: number, validation: Metrics | undefined, trainLoss = 1): TrainingEvent => ({
  type: 'epochEnd', epoch, trainLoss, train: { loss: trainLoss }, ...(validation ? { validation } : {}), learningRate, elapsedMs: epoch, epochMs: 1,
});
/** epochEnd events keyed '0', '1', … from [validation loss, learning rate] pairs. */
const epochs = (...rows: readonly (readonly [loss: number, lr: number])[]): Record<string, TrainingEvent> =>
  Object.fromEntries(rows.map(([loss, lr], i) => [String(i), epochEnd(i + 1, lr, { loss })]));
const setLr = (lr: number): ControlCommand => ({ type: 'setLearningRate', lr });

// Powers of two throughout, so lr × factor is exact.
describe('reduceLrOnPlateau', () => {
  it('multiplies the learning rate the epoch reported by `factor` after `patience` epochs without improvement, and counts again', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('0-1-2-3-4-|', epochs([1, 1], [1, 1], [1, 1], [1, 0.5], [1, 0.5]));
      expectObservable(reduceLrOnPlateau({ factor: 0.5, patience: 2 })(source)).toBe('----a---b-|', { a: setLr(0.5), b: setLr(0.25) });
      expectSubscriptions(source.subscriptions).toBe('^---------!');
    });
  });

  it('resets the count on an improvement, and ignores events other than epochEnd', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const values: Record<string, TrainingEvent> = {
        ...epochs([1, 1], [1, 1], [0.5, 1], [1, 1], [1, 1]),
        b: { type: 'batchEnd', epoch: 1, batch: 1, step: 1, loss: 9, learningRate: 1, samplesPerSecond: 1 },
      };
      expectObservable(reduceLrOnPlateau({ factor: 0.5, patience: 2 })(cold('0b1b2b3b4|', values))).toBe('--------a|', { a: setLr(0.5) });
    });
  });

  it('needs an improvement larger than minDelta (1e-4 by default)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const creeping = epochs([1, 1], [1 - 5e-5, 1], [1 - 1e-4 * 0.9, 1]);
      expectObservable(reduceLrOnPlateau({ factor: 0.5, patience: 2 })(cold('012|', creeping))).toBe('--a|', { a: setLr(0.5) });
      const source = cold('0123|', epochs([1, 1], [0.875, 1], [0.75, 1], [0.5, 1]));
      // 1 − 0.25 = 0.75 exactly: not an improvement (strict); 0.5 is one.
      expectObservable(reduceLrOnPlateau({ factor: 0.5, patience: 3, minDelta: 0.25 })(source)).toBe('----|');
      expectObservable(reduceLrOnPlateau({ factor: 0.5, patience: 2, minDelta: 0.25 })(source)).toBe('--a-|', { a: setLr(0.5) });
    });
  });

  it('does not count the epochs of a cooldown after a reduction, like Keras (a cooldown of c skips the next c − 1 epochs)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      // The operator scales the lr each epochEnd reports; a constant 1 keeps the marbles about timing only.
      const flat = epochs([1, 1], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1]);
      const half = { a: setLr(0.5) };
      expectObservable(reduceLrOnPlateau({ factor: 0.5, patience: 1 })(cold('0123456|', flat))).toBe('-aaaaaa|', half);
      // Keras' on_epoch_end decrements the cooldown counter before testing it, so cooldown 2 leaves one epoch uncounted.
      expectObservable(reduceLrOnPlateau({ factor: 0.5, patience: 1, cooldown: 1 })(cold('0123456|', flat))).toBe('-aaaaaa|', half);
      expectObservable(reduceLrOnPlateau({ factor: 0.5, patience: 1, cooldown: 2 })(cold('0123456|', flat))).toBe('-a-a-a-|', half);
      expectObservable(reduceLrOnPlateau({ factor: 0.5, patience: 1, cooldown: 3 })(cold('0123456|', flat))).toBe('-a--a--|', half);
      // An improvement during the cooldown still becomes the new best: epoch 4's 0.75 is then no improvement.
      const dip = epochs([1, 1], [1, 1], [0.5, 1], [0.75, 1], [0.75, 1], [0.75, 1], [0.75, 1]);
      expectObservable(reduceLrOnPlateau({ factor: 0.5, patience: 1, cooldown: 3 })(cold('0123456|', dip))).toBe('-a--a--|', half);
    });
  });

  it('never goes below minLr, and stops sending once the learning rate is there', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('012345|', epochs([1, 1], [1, 1], [1, 0.375], [1, 0.375], [1, 0.375], [1, 0.375]));
      expectObservable(reduceLrOnPlateau({ factor: 0.25, patience: 1, minLr: 0.375 })(source)).toBe('-a----|', { a: setLr(0.375) });
    });
  });

  it('maximizes accuracy by default, and falls back to the train split without validation metrics', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const accuracy = Object.fromEntries([0.5, 0.75, 0.75, 0.75].map((a, epoch) => [String(epoch), epochEnd(epoch, 1, { loss: 1 - a, accuracy: a })]));
      expectObservable(reduceLrOnPlateau({ monitor: 'validation.accuracy', factor: 0.5, patience: 2 })(cold('0123|', accuracy))).toBe('---a|', { a: setLr(0.5) });
      const trainOnly = Object.fromEntries([1, 0.5, 0.5, 0.5].map((loss, epoch) => [String(epoch), epochEnd(epoch, 1, undefined, loss)]));
      expectObservable(reduceLrOnPlateau({ factor: 0.5, patience: 2 })(cold('0123|', trainOnly))).toBe('---a|', { a: setLr(0.5) });
    });
  });

  it('propagates errors and unsubscription', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const error = new Error('boom');
      expectObservable(reduceLrOnPlateau({ factor: 0.5, patience: 1 })(cold('01#', epochs([1, 1], [1, 1]), error))).toBe('-a#', { a: setLr(0.5) }, error);
      const source = hot('0-1-2-3|', epochs([1, 1], [1, 1], [1, 1], [1, 1]));
      expectObservable(reduceLrOnPlateau({ factor: 0.5, patience: 1 })(source), '^---!').toBe('--a--', { a: setLr(0.5) });
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('rejects a factor outside (0, 1)', () => {
    for (const factor of [0, 1, 2, -0.5, Number.NaN]) expect(() => reduceLrOnPlateau({ factor })).toThrow(`factor must be in (0, 1), got ${factor}`);
  });
});
