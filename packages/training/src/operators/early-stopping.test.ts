import { describe, expect, it } from '@jest/globals';
import { TestScheduler } from 'rxjs/testing';
import type { ControlCommand, Metrics, TrainingEvent } from '../events.ts';
import { earlyStopping } from './early-stopping.ts';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** An epochEnd whose validation metrics are `validation` (omitted when undefined) and whose train loss is `trainLoss`. */
const epochEnd = (epoch: number, validation: Metrics | undefined, trainLoss = 1): TrainingEvent => ({
  type: 'epochEnd', epoch, trainLoss, train: { loss: trainLoss }, ...(validation ? { validation } : {}), learningRate: 0.1, elapsedMs: epoch, epochMs: 1,
});
/** epochEnd events of epochs 1, 2, 3, … with these validation losses, keyed '0', '1', '2', … for marbles. */
const lossEpochs = (...losses: readonly number[]): Record<string, TrainingEvent> =>
  Object.fromEntries(losses.map((loss, i) => [String(i), epochEnd(i + 1, { loss })]));

/** markBest for the weights after `epoch` (1-based). */
const markBest = (value: number, epoch: number, monitor = 'validation.loss', restoreAtEnd = true): ControlCommand => ({ type: 'markBest', epoch, monitor, value, restoreAtEnd });
/** earlyStop decided after `epoch`, the best having been at `bestEpoch` (both 1-based). */
const earlyStop = (best: number, bestEpoch: number, epoch: number, monitor = 'validation.loss'): ControlCommand => ({ type: 'earlyStop', epoch, monitor, best, bestEpoch });

describe('earlyStopping', () => {
  it('sends markBest (restoreAtEnd by default) on each improvement and earlyStop after `patience` epochs without one, then nothing', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('0-1-2-3-4-5-|', lossEpochs(1, 0.5, 0.75, 0.625, 0.5, 0.25));
      // Epochs 3, 4, 5 do not beat 0.5 (5 only equals it); the third of them triggers the stop; epoch 6's 0.25 comes too late.
      expectObservable(earlyStopping({ patience: 3 })(source)).toBe('a-b-----s---|', { a: markBest(1, 1), b: markBest(0.5, 2), s: earlyStop(0.5, 2, 5) });
      expectSubscriptions(source.subscriptions).toBe('^-----------!');
    });
  });

  it('ignores every event that is not an epochEnd', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const values: Record<string, TrainingEvent> = {
        ...lossEpochs(1, 2),
        s: { type: 'epochStart', epoch: 1 },
        b: { type: 'batchEnd', epoch: 1, batch: 1, step: 1, loss: 0, learningRate: 0.1, samplesPerSecond: 1 },
        z: { type: 'runEnd', reason: 'completed', epochs: 2, batch: 0, steps: 2, bestEpoch: 1, final: { validation: { loss: 0 } }, elapsedMs: 9 },
      };
      expectObservable(earlyStopping({ patience: 1 })(cold('sb0-sb1-z|', values))).toBe('--a---s--|', { a: markBest(1, 1), s: earlyStop(1, 1, 2) });
    });
  });

  it('resets the patience count on an improvement', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('012345|', lossEpochs(1, 2, 0.5, 2, 2, 2));
      expectObservable(earlyStopping({ patience: 2 })(source)).toBe('a-b-s-|', { a: markBest(1, 1), b: markBest(0.5, 3), s: earlyStop(0.5, 3, 5) });
    });
  });

  it('counts only improvements larger than minDelta (strictly)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      // Binary-exact numbers: 1 − 0.25 = 0.75 exactly, so 0.75 is not an improvement but 0.5 is.
      const source = cold('01234|', lossEpochs(1, 0.875, 0.75, 0.5, 0.375));
      expectObservable(earlyStopping({ patience: 3, minDelta: 0.25 })(source)).toBe('a--b-|', { a: markBest(1, 1), b: markBest(0.5, 4) });
      expectObservable(earlyStopping({ patience: 2, minDelta: 0.25 })(source)).toBe('a-s--|', { a: markBest(1, 1), s: earlyStop(1, 1, 3) });
    });
  });

  it('maximizes accuracy (and r2) by default, and honours an explicit mode', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const accuracies = [0.5, 0.75, 0.75, 0.5].map((accuracy, i) => epochEnd(i + 1, { loss: 1 - accuracy, accuracy, r2: accuracy }));
      const values = Object.fromEntries(accuracies.map((e, i) => [String(i), e]));
      const source = cold('0123|', values);
      expectObservable(earlyStopping({ monitor: 'validation.accuracy', patience: 2 })(source)).toBe('ab-s|', {
        a: markBest(0.5, 1, 'validation.accuracy'), b: markBest(0.75, 2, 'validation.accuracy'), s: earlyStop(0.75, 2, 4, 'validation.accuracy'),
      });
      expectObservable(earlyStopping({ monitor: 'validation.r2', patience: 2 })(source)).toBe('ab-s|', {
        a: markBest(0.5, 1, 'validation.r2'), b: markBest(0.75, 2, 'validation.r2'), s: earlyStop(0.75, 2, 4, 'validation.r2'),
      });
      // mode 'min' on accuracy: only the first epoch is a "best"; the next two do not go lower.
      expectObservable(earlyStopping({ monitor: 'validation.accuracy', mode: 'min', patience: 2 })(source)).toBe('a-s-|', {
        a: markBest(0.5, 1, 'validation.accuracy'), s: earlyStop(0.5, 1, 3, 'validation.accuracy'),
      });
    });
  });

  it('sends markBest with restoreAtEnd false when restoreBestWeights is off', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(earlyStopping({ restoreBestWeights: false, patience: 1 })(cold('01|', lossEpochs(1, 1)))).toBe('as|', {
        a: markBest(1, 1, 'validation.loss', false), s: earlyStop(1, 1, 2),
      });
    });
  });

  it('falls back from validation to the train split when the run has no validation metrics, and says so in the monitor name', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const values = { 0: epochEnd(1, undefined, 0.5), 1: epochEnd(2, undefined, 0.25), 2: epochEnd(3, undefined, 0.375) };
      expectObservable(earlyStopping({ patience: 1 })(cold('012|', values))).toBe('abs|', {
        a: markBest(0.5, 1, 'train.loss'), b: markBest(0.25, 2, 'train.loss'), s: earlyStop(0.25, 2, 3, 'train.loss'),
      });
    });
  });

  it('sends nothing when the monitored metric is missing (accuracy of a regression run)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(earlyStopping({ monitor: 'validation.accuracy', patience: 1 })(cold('012|', lossEpochs(3, 2, 1)))).toBe('---|');
    });
  });

  it('propagates errors and unsubscription', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const error = new Error('boom');
      expectObservable(earlyStopping({ patience: 5 })(cold('0-#', lossEpochs(1), error))).toBe('a-#', { a: markBest(1, 1) }, error);
      const source = hot('0-1-2-3|', lossEpochs(1, 2, 3, 4));
      expectObservable(earlyStopping({ patience: 3 })(source), '^---!').toBe('a----', { a: markBest(1, 1) });
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('keeps separate state for each run it controls', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const controller = earlyStopping({ patience: 2 });
      const values = lossEpochs(1, 2, 3);
      expectObservable(controller(cold('012|', values))).toBe('a-s|', { a: markBest(1, 1), s: earlyStop(1, 1, 3) });
      expectObservable(controller(cold('--012|', values))).toBe('--a-s|', { a: markBest(1, 1), s: earlyStop(1, 1, 3) });
    });
  });

  it('watches validation.f1 and validation.auc, improving upwards, and validation.logLoss downwards, by default', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const events = Object.fromEntries([0.5, 0.7, 0.6].map((f1, i) => [String(i), epochEnd(i + 1, { loss: 1, f1, auc: f1 + 0.2, logLoss: 1 - f1 })]));
      expectObservable(earlyStopping({ monitor: 'validation.f1', patience: 1 })(cold('0-1-2-|', events))).toBe('a-b-s-|', {
        a: markBest(0.5, 1, 'validation.f1'), b: markBest(0.7, 2, 'validation.f1'), s: earlyStop(0.7, 2, 3, 'validation.f1'),
      });
      expectObservable(earlyStopping({ monitor: 'validation.auc', patience: 1 })(cold('0-1-2-|', events))).toBe('a-b-s-|', {
        a: markBest(0.7, 1, 'validation.auc'), b: markBest(0.8999999999999999, 2, 'validation.auc'), s: earlyStop(0.8999999999999999, 2, 3, 'validation.auc'),
      });
      expectObservable(earlyStopping({ monitor: 'validation.logLoss', patience: 1 })(cold('0-1-2-|', events))).toBe('a-b-s-|', {
        a: markBest(0.5, 1, 'validation.logLoss'), b: markBest(0.30000000000000004, 2, 'validation.logLoss'), s: earlyStop(0.30000000000000004, 2, 3, 'validation.logLoss'),
      });
    });
  });
});
