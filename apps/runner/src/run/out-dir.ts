import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { runDirectoryName } from '@clearprop/training';

/** `runs/<name>-<YYYYMMDD-HHMMSS>` (UTC) relative to `cwd`; the name is reduced to file-name-safe characters. */
export function defaultOutDir(cwd: string, name: string, wallClockMs: number): string {
  return resolve(cwd, 'runs', runDirectoryName(name, wallClockMs));
}

/**
 * Creates the output folder. A default folder that already exists (two runs in one second) gets a `-2`, `-3`…
 * suffix; an explicit `--out-dir` is reused, its files replaced atomically one by one.
 */
export function prepareOutDir(path: string, options: { readonly explicit: boolean }): string {
  let chosen = path;
  for (let n = 2; !options.explicit && existsSync(chosen); n++) chosen = `${path}-${n}`;
  mkdirSync(chosen, { recursive: true });
  return chosen;
}
