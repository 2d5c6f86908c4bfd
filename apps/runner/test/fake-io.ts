// An in-memory CliIo for running the CLI in-process (fast checks of many argument combinations).
import { NEVER } from 'rxjs';
import type { CliIo } from '../src/io.ts';

/** A CliIo whose stdout and stderr are strings; no TTY, no colour, no signals. */
export function fakeIo(cwd: string, env: Readonly<Record<string, string>> = {}): CliIo & { readonly out: () => string; readonly err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text) => void (out += text), isTTY: false },
    stderr: { write: (text) => void (err += text), isTTY: false },
    env,
    cwd,
    wallClock: () => Date.UTC(2025, 0, 2, 3, 4, 5),
    now: () => 0,
    signals$: NEVER,
    exit: (code) => {
      throw new Error(`exit ${code}`);
    },
    out: () => out,
    err: () => err,
  };
}
