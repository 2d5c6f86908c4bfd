import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';
import { runDirectoryName } from '../experiments/run-directory.ts';
import { writeError } from './session-error.ts';

/**
 * The default run folder: `<runsDir>/<name>-<YYYYMMDD-HHMMSS>` (UTC) when a wall clock is given (the apps), else
 * `<runsDir>/<name>` (the library reads no clock). The name is reduced to file-name-safe characters.
 */
export function defaultOutDir(runsDir: string, name: string, wallClockMs?: number): string {
  if (wallClockMs !== undefined) return resolve(runsDir, runDirectoryName(name, wallClockMs));
  return resolve(runsDir, runDirectoryName(name, 0).replace(/-\d{8}-\d{6}$/, ''));
}

/**
 * Creates a folder and its missing parents one component at a time — at most one mkdir per component, so it can
 * never spin (Node 20's recursive mkdir loops forever on some paths, e.g. under /proc). Throws a SessionError
 * naming the path and the cause (a file in the way, no permission, a read-only or full file system).
 */
export function makeDirectory(path: string): void {
  const missing: string[] = [];
  const { root } = parse(resolve(path));
  for (let p = resolve(path); p !== root; p = dirname(p)) {
    const kind = kindOf(p);
    if (kind === 'directory') break;
    if (kind === 'other') throw writeError(path, Object.assign(new Error(`${p} is not a directory`), { code: 'ENOTDIR' }));
    missing.unshift(p);
  }
  for (const p of missing) {
    try {
      mkdirSync(p);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || kindOf(p) !== 'directory') throw writeError(path, error);
    }
  }
}

function kindOf(path: string): 'missing' | 'directory' | 'other' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}

/**
 * Creates the run folder. A default folder that already exists (two runs in one second) gets a `-2`, `-3`…
 * suffix; an explicit one is reused, its files replaced one by one. Returns the folder used.
 */
export function prepareOutDir(path: string, options: { readonly explicit: boolean }): string {
  let chosen = path;
  for (let n = 2; !options.explicit && kindOf(chosen) !== 'missing'; n++) chosen = `${path}-${n}`;
  makeDirectory(chosen);
  return chosen;
}

// Temp files of writeFileAtomic and friends: `.<name>.<pid>.<counter>.tmp`.
const TEMP = /^\.(.+)\.(\d+)\.(\d+)\.tmp$/;

/**
 * Removes temporary files a killed process left in `folder`: `.<name>.<pid>.<n>.tmp` files written before
 * `startedAtMs` (this process's start) by another process id. Returns the paths removed; never throws.
 */
export function removeStaleTemps(folder: string, options: { readonly pid: number; readonly startedAtMs: number }): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = TEMP.exec(name);
    if (!match || Number(match[2]) === options.pid) continue;
    const path = join(folder, name);
    try {
      if (statSync(path).mtimeMs >= options.startedAtMs) continue;
      unlinkSync(path);
      removed.push(path);
    } catch {
      continue;
    }
  }
  return removed;
}
