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

const batchEnd = (step: number): TrainingEvent => ({ type: 'batchEnd', epoch: 1, batch: step, step, loss: 1 / step, learningRate: 0.1, samplesPerSecond: 100 });
const values: Record<string, TrainingEvent> = {
  S: { type: 'epochStart', epoch: 1 },
  E: { type: 'epochEnd', epoch: 1, trainLoss: 0.3, train: { loss: 0.3 }, learningRate: 0.1, elapsedMs: 14, epochMs: 14 },
  Z: { type: 'runEnd', reason: 'completed', epochs: 1, batch: 0, steps: 5, bestEpoch: null, final: {}, elapsedMs: 36 },
  1: batchEnd(1),
  2: batchEnd(2),
  3: batchEnd(3),
  4: batchEnd(4),
  5: batchEnd(5),
};

describe('sampleBatches', () => {
  it('lets the first batchEnd of a quiet spell through at once, holds the latest of the rest until the period ends or another event comes', () => {
    marbles(({ cold }, scheduler) => {
      // Frames (spaces are ignored): S 0, 1 1, 2 2, 3 12, 4 13, E 14, 5 15, Z 36, complete 37.
      const source = cold('S 1 2 9ms 3 4 E 5 20ms Z |', values);
      const seen: string[] = [];
      source.pipe(sampleBatches(10, scheduler)).subscribe({
        next: (e) => seen.push(`${scheduler.now()}:${e.type === 'batchEnd' ? e.step : e.type}`),
        complete: () => seen.push(`${scheduler.now()}:|`),
      });
      scheduler.flush();
      // 2 trails when the period ends (11); 3 is superseded by 4, which is flushed just before E (order kept);
      // 5 trails at the end of the period that 2's emission opened (21); Z passes at once.
      expect(seen).toEqual(['0:epochStart', '1:1', '11:2', '14:4', '14:epochEnd', '21:5', '36:runEnd', '37:|']);
    });
  });

  it('keeps batchEnd emissions near one per period, and every other event unchanged, in order, at its own time', () => {
    marbles(({ cold }, scheduler) => {
      // A batchEnd every 1 ms with an epoch boundary every 7 ms, for 200 ms; sampled every 10 ms.
      const marble = Array.from({ length: 200 }, (_, i) => (i % 7 === 6 ? 'E' : 'b')).join('');
      const source = cold(`${marble}|`, { E: values.E, b: values[1] });
      const seen: { readonly time: number; readonly event: TrainingEvent }[] = [];
      source.pipe(sampleBatches(10, scheduler)).subscribe((event) => seen.push({ time: scheduler.now(), event }));
      scheduler.flush();
      const batchTimes = seen.filter((s) => s.event.type === 'batchEnd').map((s) => s.time);
      // Leading and trailing (timer) emissions are ≥ 10 ms apart; the only extra ones are flushes made just before
      // an epoch boundary (a batchEnd immediately followed by the epochEnd at the same time).
      const flushed = (i: number) => seen[i].event.type === 'batchEnd' && seen[i + 1]?.event.type === 'epochEnd' && seen[i + 1].time === seen[i].time;
      const timed = seen.flatMap((s, i) => (s.event.type === 'batchEnd' && !flushed(i) ? [s.time] : []));
      for (let i = 1; i < timed.length; i++) expect(timed[i] - timed[i - 1]).toBeGreaterThanOrEqual(10);
      expect(batchTimes.length).toBeGreaterThanOrEqual(19);
      expect(batchTimes.length).toBeLessThan(100);
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

  it('completes at once, flushing a pending batchEnd before the next event, so runEnd stays last', () => {
    marbles(({ cold, expectObservable }, scheduler) => {
      expectObservable(cold('1 2ms Z|', values).pipe(sampleBatches(10, scheduler))).toBe('1 2ms Z|', values);
    });
    marbles(({ cold }, scheduler) => {
      const record = (seen: string[]) => ({ next: (e: TrainingEvent) => seen.push(`${scheduler.now()}:${e.type === 'batchEnd' ? e.step : e.type}`), complete: () => seen.push(`${scheduler.now()}:|`) });
      const beforeRunEnd: string[] = [];
      const beforeComplete: string[] = [];
      cold('1-2Z|', values).pipe(sampleBatches(10, scheduler)).subscribe(record(beforeRunEnd));
      cold('1-2|', values).pipe(sampleBatches(10, scheduler)).subscribe(record(beforeComplete));
      scheduler.flush();
      expect(beforeRunEnd).toEqual(['0:1', '3:2', '3:runEnd', '4:|']);
      expect(beforeComplete).toEqual(['0:1', '3:2', '3:|']);
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
      expectObservable(source.pipe(sampleBatches(10, scheduler)), '^-----!').toBe('S1---(2E)', values);
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
      expectObservable(source.pipe(sampleBatches(10, scheduler))).toBe('(S12E|)', values);
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
    // A period far longer than the run: no timer fires; the leading batchEnd passes and each later one only when it
    // is the last before a non-batch event (flushed just before it).
    const sampled = await upToRunEnd(train(spec, { now: clock() }).pipe(sampleBatches(1e9)));
    const kept = all.filter((e, i) => e.type !== 'batchEnd' || e.step === 1 || all[i + 1]?.type !== 'batchEnd');
    expect(sampled.map((e) => e.type)).toEqual(kept.map((e) => e.type));
    expect(kept.length).toBeLessThan(all.length);
    expect(sampled[0].type).toBe('runStart');
  });
});
