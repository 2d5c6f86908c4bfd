import { Observable } from 'rxjs';
import type { DashboardEvent } from '../state/dashboard-state.ts';
import { pollEventLog } from './poll-event-log.ts';
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
    let waitingSaid = false;
    return pollEventLog(path, pollMs, (read) => {
      if (!read.exists && !waitingSaid) subscriber.next({ type: 'app', level: 'info', text: `waiting for ${path} to appear…` });
      waitingSaid ||= !read.exists;
      if (read.restarted) subscriber.next({ type: 'app', level: 'warn', text: `${path} was rewritten: reading it again from the start` });
      for (const event of read.events) {
        subscriber.next(event);
        if (event.type !== 'runEnd') continue;
        subscriber.next({ type: 'app', level: 'info', text: `${path}: run finished; q to quit` });
        subscriber.complete();
        return false;
      }
      return true;
    }, (error) => subscriber.error(error));
  });
  return { mode: 'follow', events$, send: () => undefined, quit: async () => null };
}
