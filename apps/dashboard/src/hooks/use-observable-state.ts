import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

/** The latest value of `source$` as React state (`initial` until it emits); resubscribes when `source$` changes. */
export function useObservableState<T>(source$: Observable<T>, initial: T): T {
  const [value, setValue] = useState(initial);
  useEffect(() => {
    const subscription = source$.subscribe({ next: setValue });
    return () => subscription.unsubscribe();
  }, [source$]);
  return value;
}
