import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Observable } from 'rxjs';
import type { SweepEvent } from '@clearprop/training';
import { pollEventLog } from '../sources/poll-event-log.ts';

/** The sweep.ndjson a `--follow` path means, or null when the path is not a sweep (a run's event log). */
export function sweepLogOf(path: string): string | null {
  if (existsSync(path) && statSync(path).isDirectory()) return existsSync(join(path, 'sweep.json')) ? join(path, 'sweep.ndjson') : null;
  return path.endsWith('sweep.ndjson') ? path : null;
}

/**
 * Follows a sweep's sweep.ndjson as the coordinator appends to it, from its first line: every complete line's
 * event, polled every `pollMs` (as the run follower does). Keeps going after sweepEnd, since a resumed sweep
 * appends to the same log.
 */
export function followSweep(path: string, pollMs = 200): Observable<SweepEvent> {
  return new Observable<SweepEvent>((subscriber) => pollEventLog(path, pollMs, (read) => {
    for (const event of read.events) subscriber.next(event as unknown as SweepEvent);
    return true;
  }, (error) => subscriber.error(error)));
}
