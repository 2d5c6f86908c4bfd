import { Observable } from 'rxjs';
import { tailEventLog } from '@clearprop/training/node';
import type { DashboardEvent } from '../state/dashboard-state.ts';
import type { DashboardSource } from './source.ts';

/** Options for followSource. */
export interface FollowOptions {
  /** How often the file is checked for new lines. @defaultValue 100 */
  readonly pollMs?: number;
}

/**
 * Follows an event log a run is appending to (`clearprop train --events <file>`, or a run folder's events.ndjson),
 * from its first line: emits each complete line's event as it appears, waits for the file to exist, says when the
 * file was restarted, and stops at runEnd. Polling rather than fs.watch: it behaves the same on every platform and
 * file system, at ≤ 10 reads a second.
 */
export function followSource(path: string, options: FollowOptions = {}): DashboardSource {
  const pollMs = options.pollMs ?? 100;
  const events$ = new Observable<DashboardEvent>((subscriber) => {
    const tail = tailEventLog(path);
    let timer: NodeJS.Timeout | null = null;
    let closed = false;
    let waitingSaid = false;
    const poll = async (): Promise<void> => {
      const read = await tail.read();
      if (closed) return;
      if (!read.exists && !waitingSaid) subscriber.next({ type: 'app', level: 'info', text: `waiting for ${path} to appear…` });
      waitingSaid ||= !read.exists;
      if (read.restarted) subscriber.next({ type: 'app', level: 'warn', text: `${path} was rewritten: reading it again from the start` });
      for (const event of read.events) {
        subscriber.next(event);
        if (event.type !== 'runEnd') continue;
        subscriber.next({ type: 'app', level: 'info', text: `${path}: run finished; q to quit` });
        closed = true;
        void tail.close();
        return subscriber.complete();
      }
      timer = setTimeout(() => void poll().catch((error: unknown) => subscriber.error(error)), pollMs);
    };
    void poll().catch((error: unknown) => subscriber.error(error));
    return () => {
      closed = true;
      if (timer) clearTimeout(timer);
      void tail.close();
    };
  });
  return { mode: 'follow', events$, send: () => undefined, quit: async () => null };
}
