import { open, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { Observable } from 'rxjs';
import type { DashboardEvent } from '../state/dashboard-state.ts';
import { parseEventLine, splitLines } from './ndjson.ts';
import type { DashboardSource } from './source.ts';

/** Options for followSource. */
export interface FollowOptions {
  /** How often the file is checked for new bytes. @defaultValue 100 */
  readonly pollMs?: number;
}

/**
 * Tails an NDJSON event file that a runner is writing (`runner train --events <file>`), from its first byte,
 * emitting each complete line as it appears; waits for the file to exist and stops at runEnd.
 * Polling rather than fs.watch: it behaves the same on every platform and file system, at ≤ 10 reads a second.
 */
export function followSource(path: string, options: FollowOptions = {}): DashboardSource {
  const pollMs = options.pollMs ?? 100;
  const events$ = new Observable<DashboardEvent>((subscriber) => {
    let handle: FileHandle | null = null;
    let offset = 0;
    let rest = '';
    let closed = false;
    let timer: NodeJS.Timeout | null = null;
    let waitingSaid = false;
    const buffer = Buffer.alloc(1 << 16);
    // A multi-byte character may straddle two reads.
    let decoder = new StringDecoder('utf8');
    const poll = async (): Promise<void> => {
      if (closed) return;
      try {
        handle ??= await open(path, 'r');
      } catch {
        if (!waitingSaid) subscriber.next({ type: 'app', level: 'info', text: `waiting for ${path} to appear…` });
        waitingSaid = true;
        return schedule();
      }
      const { size } = await handle.stat();
      if (size < offset) {
        subscriber.next({ type: 'app', level: 'warn', text: `${path} shrank: reading it again from the start` });
        offset = 0;
        rest = '';
        decoder = new StringDecoder('utf8');
      }
      while (!closed) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        if (bytesRead === 0) break;
        offset += bytesRead;
        const { lines, rest: unfinished } = splitLines(rest + decoder.write(buffer.subarray(0, bytesRead)));
        rest = unfinished;
        for (const line of lines) {
          const event = parseEventLine(line);
          if (!event) continue;
          subscriber.next(event);
          if (event.type === 'runEnd') return finish();
        }
      }
      schedule();
    };
    const schedule = () => {
      if (!closed) timer = setTimeout(() => void poll().catch((error: unknown) => subscriber.error(error)), pollMs);
    };
    const finish = () => {
      subscriber.next({ type: 'app', level: 'info', text: `${path}: run finished; q to quit` });
      closed = true;
      void handle?.close();
      subscriber.complete();
    };
    void poll().catch((error: unknown) => subscriber.error(error));
    return () => {
      closed = true;
      if (timer) clearTimeout(timer);
      void handle?.close().catch(() => undefined);
    };
  });
  return { mode: 'follow', events$, send: () => undefined, quit: async () => null };
}
