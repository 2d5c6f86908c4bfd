import { describe, expect, it } from '@jest/globals';
import { xor } from '@clearprop/data';
import { defer, lastValueFrom, of, takeWhile, toArray, type Observable } from 'rxjs';
import { TestScheduler, type RunHelpers } from 'rxjs/testing';
import type { TrainingEvent } from '../events.ts';
import type { TrainSpec } from '../spec.ts';
import { train } from '../train.ts';
import { sampleBatches } from './sample-batches.ts';

/** Runs `body` in virtual time, handing it the scheduler to give sampleBatches (the same one that runs the marbles). */
const marbles = (body: (helpers: RunHelpers, scheduler: TestScheduler) => void): void => {
  const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  scheduler.run((helpers) => body(helpers, scheduler));
};

const batchEnd = (step: number): TrainingEvent => ({ type: 'batchEnd', epoch: 0, batch: step - 1, step, loss: 1 / step, learningRate: 0.1, samplesPerSecond: 100 });
const values: Record<string, TrainingEvent> = {
  S: { type: 'epochStart', epoch: 0 },
  E: { type: 'epochEnd', epoch: 0, trainLoss: 0.3, train: { loss: 0.3 }, learningRate: 0.1, elapsedMs: 14, epochMs: 14 },
  Z: { type: 'runEnd', reason: 'completed', epochs: 1, steps: 5, bestEpoch: null, final: {}, elapsedMs: 36 },
  1: batchEnd(1),
  2: batchEnd(2),
  3: batchEnd(3),
  4: batchEnd(4),
  5: batchEnd(5),
};

describe('sampleBatches', () => {
  it('lets the first batchEnd of a period through at once and the latest one at the period’s end; other events pass at once', () => {
    marbles(({ cold, expectObservable, expectSubscriptions }, scheduler) => {
      const source = cold('S 1 2 9ms 3 4 E 5 20ms Z |', values);
      // 1 leads; 2 trails at 11; 3 and 4 are superseded by 5, which trails at 21; E and Z are never held back.
      expectObservable(source.pipe(sampleBatches(10, scheduler))).toBe('S 1 9ms 2 2ms E 6ms 5 14ms Z |', values);
      expectSubscriptions(source.subscriptions).toBe('^ 36ms !');
    });
  });

  it('lets at most one batchEnd through per period, and every other event through unchanged and in order', () => {
    marbles(({ cold }, scheduler) => {
      // A batchEnd every 1 ms with an epoch boundary every 7 ms, for 200 ms; sampled every 10 ms.
      const marble = Array.from({ length: 200 }, (_, i) => (i % 7 === 6 ? 'E' : 'b')).join('');
      const source = cold(`${marble}|`, { E: values.E, b: values[1] });
      const seen: { readonly time: number; readonly event: TrainingEvent }[] = [];
      source.pipe(sampleBatches(10, scheduler)).subscribe((event) => seen.push({ time: scheduler.now(), event }));
      scheduler.flush();
      const batchTimes = seen.filter((s) => s.event.type === 'batchEnd').map((s) => s.time);
      expect(batchTimes.length).toBeGreaterThanOrEqual(19);
      for (let i = 1; i < batchTimes.length; i++) expect(batchTimes[i] - batchTimes[i - 1]).toBeGreaterThanOrEqual(10);
      const others = seen.filter((s) => s.event.type !== 'batchEnd');
      expect(others.map((s) => s.time)).toEqual([...marble].flatMap((c, i) => (c === 'E' ? [i] : [])));
      expect(others.every((s) => s.event === values.E)).toBe(true); // the same objects: nothing is copied or changed
    });
  });

  it('passes a stream without batchEnd events through untouched', () => {
    marbles(({ cold, expectObservable }, scheduler) => {
      expectObservable(cold('S-E--S-E-Z|', values).pipe(sampleBatches(3, scheduler))).toBe('S-E--S-E-Z|', values);
    });
  });

  it('completes at once when nothing is pending, and after emitting the pending trailing batchEnd otherwise', () => {
    marbles(({ cold, expectObservable }, scheduler) => {
      expectObservable(cold('1 2ms Z|', values).pipe(sampleBatches(10, scheduler))).toBe('1 2ms Z|', values);
      expectObservable(cold('1-2Z|', values).pipe(sampleBatches(10, scheduler))).toBe('1--Z 6ms (2|)', values);
    });
  });

  it('propagates an error at once, dropping a pending batchEnd', () => {
    marbles(({ cold, expectObservable }, scheduler) => {
      expectObservable(cold('S1-2-#', values, new Error('boom')).pipe(sampleBatches(10, scheduler))).toBe('S1---#', values, new Error('boom'));
    });
  });

  it('unsubscribes from the source when the consumer unsubscribes', () => {
    marbles(({ hot, expectObservable, expectSubscriptions }, scheduler) => {
      const source = hot('S1-2-E-3-Z|', values);
      expectObservable(source.pipe(sampleBatches(10, scheduler)), '^-----!').toBe('S1---E', values);
      expectSubscriptions(source.subscriptions).toBe('^-----!');
    });
  });

  it('subscribes to the source once and keeps events it emits synchronously on subscription', () => {
    let subscriptions = 0;
    marbles(({ expectObservable }, scheduler) => {
      const source: Observable<TrainingEvent> = defer(() => {
        subscriptions += 1;
        return of(values.S, values[1], values[2], values.E);
      });
      expectObservable(source.pipe(sampleBatches(10, scheduler))).toBe('(S1E) 5ms (2|)', values);
    });
    expect(subscriptions).toBe(1);
  });

  it('keeps the runStart that train() emits while being subscribed (regression: the partition/share version lost it)', async () => {
    const spec: TrainSpec = {
      model: { inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'softmax' }] },
      loss: 'softmaxCrossEntropy',
      optimizer: { name: 'adam', lr: 0.05 },
      train: xor(),
      epochs: 3,
      batchSize: 2,
      seed: 1,
    };
    const clock = () => {
      let t = 0;
      return () => (t += 1);
    };
    const upToRunEnd = (events$: Observable<TrainingEvent>) => lastValueFrom(events$.pipe(takeWhile((e) => e.type !== 'runEnd', true), toArray()));
    const all = await upToRunEnd(train(spec, { now: clock() }));
    // A period far longer than the run: only the leading batchEnd passes and no timer fires during the test.
    const sampled = await upToRunEnd(train(spec, { now: clock() }).pipe(sampleBatches(1e9)));
    expect(sampled.map((e) => e.type)).toEqual(all.filter((e) => e.type !== 'batchEnd' || e.step === 1).map((e) => e.type));
    expect(sampled[0].type).toBe('runStart');
  });
});
