import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** `runs/<name>-<YYYYMMDD-HHMMSS>` (UTC) relative to `cwd`; the name is reduced to file-name-safe characters. */
export function defaultOutDir(cwd: string, name: string, wallClockMs: number): string {
  const iso = new Date(wallClockMs).toISOString(); // 2025-01-02T03:04:05.678Z
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
  return resolve(cwd, 'runs', `${safe}-${stamp}`);
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
