import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A file written incrementally that appears at its path only when committed (old content stays until then). */
export interface AtomicStream {
  readonly path: string;
  write(text: string): void;
  /** Flushes, fsyncs and renames the temporary file over `path`. */
  commit(): void;
  /** Removes the temporary file; `path` is untouched. */
  discard(): void;
}

const FLUSH_AT = 1 << 16;
let streams = 0;

/**
 * Opens a temporary file next to `path` for an output too long to buffer in memory (the event log of a long run).
 * The same temp-then-rename scheme as `writeFileAtomic`: a crash or kill leaves any existing file at `path` whole.
 */
export function openAtomicStream(path: string): AtomicStream {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${streams++}.tmp`);
  const fd = openSync(temp, 'wx');
  let pending: string[] = [];
  let size = 0;
  let open = true;
  const flush = () => {
    if (size === 0) return;
    writeSync(fd, pending.join(''));
    pending = [];
    size = 0;
  };
  return {
    path,
    write(text) {
      if (!open) return;
      pending.push(text);
      size += text.length;
      if (size >= FLUSH_AT) flush();
    },
    commit() {
      if (!open) return;
      open = false;
      try {
        flush();
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, path);
    },
    discard() {
      if (!open) return;
      open = false;
      closeSync(fd);
      unlinkSync(temp);
    },
  };
}
