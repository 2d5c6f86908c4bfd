import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Where a write to a path really goes, and how it is written. */
export interface WriteTarget {
  /** The path with every symlink followed (absolute); a standard stream's name as given. */
  readonly path: string;
  /**
   * `'replace'`: a regular file or nothing yet — written to a temporary file beside it and renamed over it.
   * `'direct'`: a FIFO, character device, socket or standard stream — written in place, since a rename would
   * replace it.
   */
  readonly mode: 'replace' | 'direct';
}

// The process's own streams are written through their descriptor even when one is redirected to a file: a rename
// would leave the shell writing to the replaced file.
const STREAM = /^\/(dev\/(stdout|stderr|fd\/\d+)|proc\/(self|\d+)\/fd\/\d+)$/;
// Linux's MAXSYMLINKS: a longer chain is a loop as far as open(2) is concerned.
const MAX_LINKS = 40;

const errno = (code: string, text: string, path: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: ${text}, open '${path}'`), { code, syscall: 'open', path });

const statOrMissing = (path: string) => stat(path).catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'ENOENT') return undefined;
  throw error;
});

/**
 * Resolves the file a write to `path` should change, the way `cp` and Python's atomic writers do: a symlink is
 * followed (a dangling one names the file to create), a FIFO, device, socket or `/dev/stdout` is written directly.
 * Throws an errno-style error naming the path: EISDIR for a directory, ELOOP for a symlink loop, or what stat reports.
 */
export async function writeTarget(path: string): Promise<WriteTarget> {
  const absolute = resolve(path);
  if (STREAM.test(absolute)) return { path: absolute, mode: 'direct' };
  const info = await statOrMissing(absolute);
  if (info === undefined) return { path: await danglingTarget(absolute), mode: 'replace' };
  if (info.isDirectory()) throw errno('EISDIR', 'illegal operation on a directory', absolute);
  // realpath, not readlink, so links through /proc and relative chains resolve as the kernel resolves them.
  return info.isFile() ? { path: await realpath(absolute), mode: 'replace' } : { path: absolute, mode: 'direct' };
}

// A path that does not exist, or a chain of links ending at one that does not: the file a write creates.
async function danglingTarget(path: string): Promise<string> {
  let current = path;
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    const info = await lstat(current).catch(() => undefined);
    if (info === undefined || !info.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw errno('ELOOP', 'too many symbolic links encountered', path);
}
