import type { Tensor } from '@clearprop/tensor';
import { zipSync, type Zippable } from 'fflate';
import { excerpt } from '@clearprop/data';
import { npzNames, paramsFromTensors, tensorsFromParams, toFloat32, type FiniteCheckOptions } from './layer-tensors.ts';
import { IN_MEMORY_SOURCE, ModelFileError } from './model-file-error.ts';
import { decodeNpy, encodeNpy } from './npy.ts';
import { readNpyEntry } from './npz-entry.ts';
import { zipEntries, type ZipEntry } from './zip-archive.ts';
import type { ModelParams, ModelSpec } from '@clearprop/nn';

/** Options for writing an .npz archive. */
export interface NpzWriteOptions {
  /** Deflate the arrays, as `numpy.savez_compressed` does; otherwise store them, as `numpy.savez`. @defaultValue false */
  readonly compress?: boolean;
}

/** Options for decoding an .npz archive. */
export interface NpzDecodeOptions {
  /** File name used in error messages. @defaultValue '<in-memory bytes>' */
  readonly source?: string;
  /**
   * The most bytes the archive's arrays may hold together once inflated, checked against the sizes the archive
   * declares before anything is inflated (a small file can declare gigabytes). @defaultValue DEFAULT_MAX_NPZ_BYTES (256 MiB)
   */
  readonly maxBytes?: number;
}

/** Options for reading a model from .npz, which holds weights only. */
export interface NpzReadOptions extends NpzDecodeOptions, FiniteCheckOptions {
  /** The architecture the arrays must fit. */
  readonly spec: ModelSpec;
}

/** Default NpzDecodeOptions.maxBytes: 256 MiB, 64 M float32 weights, far beyond what trains in this library. */
export const DEFAULT_MAX_NPZ_BYTES = 256 * 2 ** 20;

// A fixed local timestamp (the DOS epoch, as NumPy writes) keeps archives byte-identical and avoids reading the clock.
const ZIP_MTIME = '1980-01-01T00:00:00';

/** Encodes named tensors as an .npz archive (a zip of `<name>.npy` files) that `numpy.load` reads. */
export function encodeNpz(arrays: Readonly<Record<string, Tensor>>, options: NpzWriteOptions = {}): Uint8Array {
  const files: Zippable = Object.create(null) as Zippable;
  for (const [name, t] of Object.entries(arrays)) files[`${name}.npy`] = encodeNpy(t);
  return zipSync(files, { level: options.compress === true ? 6 : 0, mtime: ZIP_MTIME });
}

/**
 * Decodes an .npz archive into named tensors (names without `.npy`), keeping dtypes. Memory stays bounded by
 * `options.maxBytes`: declared sizes are checked before inflating, each entry's `.npy` header against its declared
 * size, and inflation stops at that size. Every entry's CRC-32 is verified.
 * Throws ModelFileError naming the source for an invalid zip, a non-.npy entry, a size or CRC mismatch, or a bad array.
 */
export function decodeNpz(bytes: Uint8Array, options: NpzDecodeOptions | string = {}): Record<string, Tensor> {
  const { source = IN_MEMORY_SOURCE, maxBytes = DEFAULT_MAX_NPZ_BYTES } = typeof options === 'string' ? { source: options } : options;
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes).filter((e) => !e.name.endsWith('/'));
  } catch (error) {
    throw new ModelFileError(source, `not a valid .npz (zip) archive: ${(error as Error).message}`, { cause: error });
  }
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > maxBytes) {
    throw new ModelFileError(source, `arrays declare ${declared} bytes in all, over the limit of ${maxBytes} (the maxBytes option raises it)`);
  }
  const arrays: Record<string, Tensor> = Object.create(null) as Record<string, Tensor>;
  for (const entry of entries) {
    if (!entry.name.endsWith('.npy')) throw new ModelFileError(source, `entry ${excerpt(entry.name)} is not an .npy array`);
    arrays[entry.name.slice(0, -'.npy'.length)] = decodeNpy(readNpyEntry(bytes, entry, source), { source, entry: entry.name });
  }
  return arrays;
}

/**
 * Exports model weights as .npz with arrays `W0, b0, W1, b1, …` (+ `alpha<i>` for PReLU), float32, C order.
 * W<i> is [out, in] as in PyTorch. Only weights are stored: the spec, normalization and training config are not.
 * Throws ShapeError if params do not fit the spec.
 */
export function modelToNpz(model: { readonly spec: ModelSpec; readonly params: ModelParams }, options: NpzWriteOptions = {}): Uint8Array {
  return encodeNpz(tensorsFromParams(model.spec, toFloat32(model.params), npzNames), options);
}

/**
 * Imports model weights from .npz (`<f4` or `<f8`; float64 is rounded to float32), checking every array against
 * `options.spec`. Missing, extra or misshapen arrays, and NaN/±∞ weights (unless `allowNonFinite`), are
 * ModelFileErrors naming the file and the array.
 */
export function modelFromNpz(bytes: Uint8Array, options: NpzReadOptions): { readonly spec: ModelSpec; readonly params: ModelParams } {
  const source = options.source ?? IN_MEMORY_SOURCE;
  const params = paramsFromTensors(options.spec, decodeNpz(bytes, options), npzNames, { source, ...options });
  return { spec: options.spec, params: toFloat32(params) };
}
