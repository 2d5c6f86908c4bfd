/**
 * A session could not start or finish: conflicting experiment sources (`kind: 'usage'`), input that does not fit
 * (`'input'`: a checkpoint without a config, weights for another net), or a file that could not be written
 * (`'write'`: `path` and the system error `code`, e.g. ENOSPC). The message names the file or option.
 */
export class SessionError extends Error {
  override readonly name = 'SessionError';
  readonly kind: 'usage' | 'input' | 'write';
  readonly path?: string;
  readonly code?: string;

  constructor(kind: 'usage' | 'input' | 'write', message: string, details: { readonly path?: string; readonly code?: string; readonly cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    if (details.path !== undefined) this.path = details.path;
    if (details.code !== undefined) this.code = details.code;
  }
}

const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is not a directory',
  ENOENT: 'no such file or directory',
  EPIPE: 'the reader closed the pipe',
  EEXIST: 'it already exists',
  EDQUOT: 'disk quota exceeded',
  ENXIO: 'no such device or address (a FIFO without a reader, or a socket)',
  ELOOP: 'too many symbolic links (a loop?)',
};

/** A write failure as a SessionError naming the path and the cause in words (`cannot write x: no space left … (ENOSPC)`). */
export function writeError(path: string, error: unknown): SessionError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const cause = code === undefined ? (error as Error).message : `${CAUSES[code] ?? (error as Error).message} (${code})`;
  return new SessionError('write', `cannot write ${path}: ${cause}`, { path, cause: error, ...(code === undefined ? {} : { code }) });
}
