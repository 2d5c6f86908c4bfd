import type { TrainingEvent } from '../events.ts';

/** Splits `text` into complete lines, returning them and the unfinished rest (a line still being written). */
export function splitLines(text: string): { readonly lines: readonly string[]; readonly rest: string } {
  const parts = text.split('\n');
  const rest = parts.pop() ?? '';
  return { lines: parts.map((l) => l.trim()).filter((l) => l.length > 0), rest };
}

/**
 * Parses one NDJSON line into a training event; null for a line that is not JSON or has no string `type`
 * (log lines mixed into the file, a line cut short by a crash).
 */
export function parseEventLine(line: string): TrainingEvent | null {
  try {
    const value = JSON.parse(line) as unknown;
    if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') return value as TrainingEvent;
    return null;
  } catch {
    return null;
  }
}
