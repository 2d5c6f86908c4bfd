import type { SavedModel } from '@clearprop/training';
import { saveModel, writeError, writeFileAtomic } from '@clearprop/training/node';

// A system error (ENOSPC, EISDIR, EACCES…) becomes one line naming the file; anything else (an unknown model
// extension is a ModelFileError) keeps its own message.
const named = (path: string) => (error: unknown): Promise<never> =>
  Promise.reject(typeof (error as NodeJS.ErrnoException | undefined)?.code === 'string' ? writeError(path, error) : error);

/**
 * Writes an output file atomically (through symlinks; FIFOs and devices directly: see writeFileAtomic). A failed
 * write rejects with a SessionError `cannot write <path>: <cause> (<code>)`, and no temporary file is left.
 */
export function writeOutput(path: string, bytes: Uint8Array): Promise<void> {
  return writeFileAtomic(path, bytes).catch(named(path));
}

/** saveModel with the same error contract as writeOutput. */
export function saveModelOutput(path: string, model: SavedModel): Promise<void> {
  return saveModel(path, model).catch(named(path));
}
