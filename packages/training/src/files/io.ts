import * as fsp from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from './checkpoint.ts';
import { ModelFileError } from './model-file-error.ts';
import { modelFromSafetensors, modelToSafetensors, type SavedModel } from './model-file.ts';
import type { FiniteCheckOptions } from './layer-tensors.ts';
import { modelFromNpz, modelToNpz, type NpzDecodeOptions } from './npz.ts';
import type { ModelSpec } from '@clearprop/nn';
import { writeTarget } from './write-target.ts';

/** An open file as writeFileAtomic uses it: the subset of `fs/promises` FileHandle it needs. */
export interface AtomicWriteHandle {
  writeFile(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system calls writeFileAtomic makes; `node:fs/promises` by default, injectable to test failures. */
export interface AtomicWriteFs {
  open(path: string, flags: string): Promise<AtomicWriteHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

/** Options for writeFileAtomic. */
export interface AtomicWriteOptions {
  /** @defaultValue node:fs/promises */
  readonly fs?: AtomicWriteFs;
  /** Makes the temporary file name unique. @defaultValue `<pid>.<counter>` */
  readonly tempSuffix?: () => string;
}

/** Options for saveModel. */
export interface SaveModelOptions extends AtomicWriteOptions {
  /** Deflate .npz arrays (`numpy.savez_compressed`). @defaultValue false */
  readonly compress?: boolean;
}

// The only module state: a per-process counter so concurrent saves in one process never share a temp name.
let tempCounter = 0;
const defaultTempSuffix = (): string => `${process.pid}.${tempCounter++}`;

/**
 * Writes `bytes` to `path` so that readers see either the old file or the complete new one, never a partial file:
 * writes a temporary file in the same directory, fsyncs it, then renames it over `path`.
 * On failure the temporary file is removed, any existing file at `path` is untouched, and the error is rethrown.
 * Like `cp` and Python's atomic writers, a symlink is written through (its target is replaced, the link stays), and
 * a FIFO, a character device (`/dev/stdout`, `/dev/null`) or a socket is written directly, with no temporary
 * file. A directory at `path` is an EISDIR error.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? fsp;
  const target = await writeTarget(path);
  if (target.mode === 'direct') return writeDirect(fs, target.path, bytes);
  const temp = join(dirname(target.path), `.${basename(target.path)}.${(options.tempSuffix ?? defaultTempSuffix)()}.tmp`);
  let handle: AtomicWriteHandle | undefined;
  try {
    // 'wx' fails rather than clobbering if the name is somehow taken.
    handle = await fs.open(temp, 'wx');
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, target.path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    // Best effort: the temp file may not exist (open failed); the original error is the one worth reporting.
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(fs, dirname(target.path));
}

// A pipe or device has no "old contents" to protect and cannot be renamed over; fsync is not defined for it.
async function writeDirect(fs: AtomicWriteFs, path: string, bytes: Uint8Array): Promise<void> {
  const handle = await fs.open(path, 'w');
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function syncDirectory(fs: AtomicWriteFs, directory: string): Promise<void> {
  // Makes the rename itself durable on POSIX; some platforms (Windows) cannot open or fsync a directory, and the
  // file is already complete and in place, so failure here is not an error.
  try {
    const handle = await fs.open(directory, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    return;
  }
}

/**
 * Saves a model atomically, choosing the format by extension: `.safetensors` (weights, spec, normalization,
 * training config) or `.npz` (weights only, for NumPy). Throws ModelFileError naming the path for another extension.
 */
export async function saveModel(path: string, model: SavedModel, options: SaveModelOptions = {}): Promise<void> {
  const format = formatOf(path);
  const bytes = format === 'safetensors' ? modelToSafetensors(model) : modelToNpz(model, options);
  await writeFileAtomic(path, bytes, options);
}

/** Options for loadModel. */
export interface LoadModelOptions extends FiniteCheckOptions, Pick<NpzDecodeOptions, 'maxBytes'> {
  /** The architecture: required for `.npz`, and for `.safetensors` files that hold only tensors. */
  readonly spec?: ModelSpec;
}

/**
 * Loads a model by extension. `.npz` needs `options.spec`; `.safetensors` needs it only for tensors-only files.
 * Throws ModelFileError naming the path for a missing file, an unknown extension, or any invalid content
 * (including NaN/±∞ weights unless `options.allowNonFinite`).
 */
export async function loadModel(path: string, options: LoadModelOptions = {}): Promise<SavedModel> {
  const format = formatOf(path);
  const { spec } = options;
  if (format === 'npz' && spec === undefined) {
    throw new ModelFileError(path, '.npz files hold only weights; pass the architecture as options.spec');
  }
  const bytes = await readBytes(path);
  if (format === 'safetensors') return modelFromSafetensors(bytes, { ...options, source: path });
  // Checked above; TypeScript cannot carry the narrowing across the await.
  return modelFromNpz(bytes, { ...options, spec: spec as ModelSpec, source: path });
}

/** Saves a training checkpoint atomically; the path must end in `.safetensors`. */
export async function saveCheckpoint(path: string, checkpoint: Checkpoint, options: AtomicWriteOptions = {}): Promise<void> {
  requireSafetensors(path);
  await writeFileAtomic(path, encodeCheckpoint(checkpoint), options);
}

/** Loads a training checkpoint. Throws ModelFileError naming the path for a missing or invalid file. */
export async function loadCheckpoint(path: string): Promise<Checkpoint> {
  requireSafetensors(path);
  return decodeCheckpoint(await readBytes(path), path);
}

function formatOf(path: string): 'safetensors' | 'npz' {
  const extension = extname(path).toLowerCase();
  if (extension === '.safetensors') return 'safetensors';
  if (extension === '.npz') return 'npz';
  throw new ModelFileError(path, `unsupported extension ${JSON.stringify(extension)}; use .safetensors or .npz`);
}

function requireSafetensors(path: string): void {
  const extension = extname(path).toLowerCase();
  if (extension !== '.safetensors') throw new ModelFileError(path, `unsupported extension ${JSON.stringify(extension)} for a checkpoint; use .safetensors`);
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await fsp.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : `cannot read (${(error as Error).message})`;
    throw new ModelFileError(path, reason, { cause: error });
  }
}
