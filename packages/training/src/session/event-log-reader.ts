import { open, readFile, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { parseEventLine, splitLines } from '../describe/ndjson.ts';
import type { TrainingEvent } from '../events.ts';

/** An event log as read: its events, the lines that were not events, and an unfinished last line. */
export interface EventLogContents {
  readonly events: readonly TrainingEvent[];
  /** Complete lines that were not training events (skipped). */
  readonly skippedLines: number;
  /** Characters of a last line with no newline — cut short by a crash or still being written — skipped. */
  readonly truncatedChars: number;
}

/** Reads a whole NDJSON event log. Skips and counts lines that are not events and an unfinished last line. */
export async function readEventLog(path: string): Promise<EventLogContents> {
  const { lines, rest } = splitLines(await readFile(path, 'utf8'));
  const events: TrainingEvent[] = [];
  for (const line of lines) {
    const event = parseEventLine(line);
    if (event) events.push(event);
  }
  return { events, skippedLines: lines.length - events.length, truncatedChars: rest.trim().length };
}

/** What one read of a growing log found. */
export interface TailRead {
  /** False while the file does not exist yet. */
  readonly exists: boolean;
  /** The file got shorter (rewritten by a new run): reading started again from its first byte. */
  readonly restarted: boolean;
  readonly events: readonly TrainingEvent[];
  /** Characters of a line still being written, held back until its newline arrives. */
  readonly pendingChars: number;
}

/** A reader of a log another process is appending to. */
export interface EventLogTail {
  /** Reads what was appended since the last read: complete lines only. */
  read(): Promise<TailRead>;
  close(): Promise<void>;
}

const CHUNK = 1 << 16;

/**
 * Follows an NDJSON event log as it grows, from its first byte: each `read` returns the events of the lines
 * completed since the previous one, holding back an unfinished line. Pull-based, so the caller chooses the
 * pace (a poll timer in the dashboard, explicit reads in tests).
 */
export function tailEventLog(path: string): EventLogTail {
  let handle: FileHandle | null = null;
  let offset = 0;
  let rest = '';
  let decoder = new StringDecoder('utf8'); // a multi-byte character may straddle two reads
  const buffer = Buffer.alloc(CHUNK);
  return {
    async read() {
      try {
        handle ??= await open(path, 'r');
      } catch {
        return { exists: false, restarted: false, events: [], pendingChars: 0 };
      }
      const { size } = await handle.stat();
      const restarted = size < offset;
      if (restarted) [offset, rest, decoder] = [0, '', new StringDecoder('utf8')];
      const events: TrainingEvent[] = [];
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        if (bytesRead === 0) break;
        offset += bytesRead;
        const { lines, rest: unfinished } = splitLines(rest + decoder.write(buffer.subarray(0, bytesRead)));
        rest = unfinished;
        for (const line of lines) {
          const event = parseEventLine(line);
          if (event) events.push(event);
        }
      }
      return { exists: true, restarted, events, pendingChars: rest.length };
    },
    async close() {
      await handle?.close().catch(() => undefined);
      handle = null;
    },
  };
}
