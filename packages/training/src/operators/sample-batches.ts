import { asyncScheduler, Observable, type MonoTypeOperatorFunction, type SchedulerLike, type Subscription } from 'rxjs';
import type { TrainingEvent } from '../events.ts';

/**
 * For UIs: lets at most one batchEnd through per `periodMs` while every other event passes untouched. The first
 * batchEnd of a quiet spell passes at once; later ones in the period are held (only the latest) and emitted when
 * the period ends — or just before the next non-batch event or completion, so the relative order of events is
 * kept and runEnd stays last. 30 000 batch events a second become ~20 redraws.
 */
export function sampleBatches(periodMs: number, scheduler: SchedulerLike = asyncScheduler): MonoTypeOperatorFunction<TrainingEvent> {
  return (source) =>
    new Observable<TrainingEvent>((subscriber) => {
      let pending: TrainingEvent | null = null;
      let window: Subscription | null = null;
      const flush = (): void => {
        if (pending === null) return;
        const event = pending;
        pending = null;
        subscriber.next(event);
      };
      const openWindow = (): void => {
        window = scheduler.schedule(() => {
          window = null;
          if (pending === null) return;
          flush();
          openWindow(); // a trailing emission starts a new period, so the rate stays ≤ 1 per periodMs
        }, periodMs);
      };
      const inner = source.subscribe({
        next: (event) => {
          if (event.type !== 'batchEnd') {
            flush();
            subscriber.next(event);
          } else if (window === null) {
            subscriber.next(event);
            openWindow();
          } else {
            pending = event;
          }
        },
        error: (error: unknown) => {
          pending = null;
          subscriber.error(error);
        },
        complete: () => {
          flush();
          subscriber.complete();
        },
      });
      return () => {
        inner.unsubscribe();
        window?.unsubscribe();
      };
    });
}
