import { closeSync, openSync, writeSync } from 'node:fs';
import type { SessionError } from './session-error.ts';
import { writeError } from './session-error.ts';

/** A text file written line by line as a run goes: other processes can read (tail) it while it grows. */
export interface LineLog {
  readonly path: string;
  /** Queues a line (with its newline); it reaches the file at the next flush. Ignored after an error or close. */
  write(line: string): void;
  /** Writes the queued lines now. */
  flush(): void;
  /** Flushes and closes the file. */
  close(): void;
}

const FLUSH_AT = 1 << 16;

/**
 * Opens `path` for writing from its start (truncating an old file) and appends lines to it live. `write` queues a
 * line; `flush` writes the queue (the session flushes after every event, so a follower — or a crash — sees each
 * batch as it happens); a queue past 64 KiB, or one left unflushed until the next event-loop turn, is written then.
 * A symlink is written through to its target; a FIFO or device is written directly. The first write failure is
 * reported once through `onError` (a SessionError naming the path and the cause); what was written before it stays.
 */
export function openLineLog(path: string, onError: (error: SessionError) => void): LineLog {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw writeError(path, error);
  }
  let pending: string[] = [];
  let size = 0;
  let scheduled = false;
  const fail = (error: unknown) => {
    if (fd === null) return;
    const open = fd;
    fd = null;
    pending = [];
    try {
      closeSync(open);
    } catch {
      // The write error is the one worth reporting.
    }
    onError(writeError(path, error));
  };
  const flush = () => {
    scheduled = false;
    if (fd === null || size === 0) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    try {
      writeSync(fd, text);
    } catch (error) {
      fail(error);
    }
  };
  return {
    path,
    write(line) {
      if (fd === null) return;
      pending.push(line);
      size += line.length;
      if (size >= FLUSH_AT) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
    close() {
      flush();
      if (fd === null) return;
      const open = fd;
      fd = null;
      try {
        closeSync(open);
      } catch (error) {
        onError(writeError(path, error));
      }
    },
  };
}
