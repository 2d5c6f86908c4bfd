import { describe, expect, it } from '@jest/globals';
import { map, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { TrainingEvent } from '../events.ts';
import { ofType } from './of-type.ts';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

const values: Record<string, TrainingEvent> = {
  s: { type: 'epochStart', epoch: 1 },
  b: { type: 'batchEnd', epoch: 1, batch: 1, step: 1, loss: 0.5, learningRate: 0.1, samplesPerSecond: 100 },
  c: { type: 'batchEnd', epoch: 1, batch: 2, step: 2, loss: 0.4, learningRate: 0.1, samplesPerSecond: 100 },
  e: { type: 'epochEnd', epoch: 1, trainLoss: 0.45, train: { loss: 0.45 }, learningRate: 0.1, elapsedMs: 2, epochMs: 2 },
  t: { type: 'epochStart', epoch: 1 },
};

describe('ofType', () => {
  it('keeps only events of the given type, at their original times and in order', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('s-b-c-e-t-|', values);
      expectObservable(source.pipe(ofType('batchEnd'))).toBe('--b-c-----|', values);
      expectSubscriptions(source.subscriptions).toBe('^---------!');
    });
  });

  it('accepts several types and keeps their interleaving', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('s-b-c-e-t-|', values);
      expectObservable(source.pipe(ofType('epochStart', 'epochEnd'))).toBe('s-----e-t-|', values);
    });
  });

  it('passes nothing but completion when no event matches, and nothing at all with no types', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('s-b-e|', values).pipe(ofType('runEnd'))).toBe('-----|');
      expectObservable(cold('s-b-e|', values).pipe(ofType())).toBe('-----|');
    });
  });

  it('propagates errors and unsubscribes from the source when the consumer does', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      expectObservable(cold('s-b-#', values, new Error('boom')).pipe(ofType('batchEnd'))).toBe('--b-#', values, new Error('boom'));
      const source = hot('s-b-c-e-t-|', values);
      expectObservable(source.pipe(ofType('batchEnd')), '^---!').toBe('--b--', values);
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('narrows the event type, so fields of the kept variant are readable without a cast (checked by tsc)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const losses$: Observable<number> = cold('s-b-c|', values).pipe(ofType('batchEnd'), map((event) => event.loss));
      expectObservable(losses$).toBe('--x-y|', { x: 0.5, y: 0.4 });
    });
  });
});
