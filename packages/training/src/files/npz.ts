import type { Tensor } from '@clearprop/tensor';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { npzNames, paramsFromTensors, tensorsFromParams, toFloat32 } from './layer-tensors.ts';
import { IN_MEMORY_SOURCE, ModelFileError } from './model-file-error.ts';
import { decodeNpy, encodeNpy } from './npy.ts';
import type { ModelParams, ModelSpec } from '@clearprop/nn';

/** Options for writing an .npz archive. */
export interface NpzWriteOptions {
  /** Deflate the arrays, as `numpy.savez_compressed` does; otherwise store them, as `numpy.savez`. @defaultValue false */
  readonly compress?: boolean;
}

/** Options for reading a model from .npz, which holds weights only. */
export interface NpzReadOptions {
  /** The architecture the arrays must fit. */
  readonly spec: ModelSpec;
  /** File name used in error messages. @defaultValue '<in-memory bytes>' */
  readonly source?: string;
}

// A fixed local timestamp (the DOS epoch, as NumPy writes) keeps archives byte-identical and avoids reading the clock.
const ZIP_MTIME = '1980-01-01T00:00:00';

/** Encodes named tensors as an .npz archive (a zip of `<name>.npy` files) that `numpy.load` reads. */
export function encodeNpz(arrays: Readonly<Record<string, Tensor>>, options: NpzWriteOptions = {}): Uint8Array {
  const files: Zippable = {};
  for (const [name, t] of Object.entries(arrays)) files[`${name}.npy`] = encodeNpy(t);
  return zipSync(files, { level: options.compress === true ? 6 : 0, mtime: ZIP_MTIME });
}

/**
 * Decodes an .npz archive into named tensors (names without `.npy`), keeping dtypes.
 * Throws ModelFileError naming `source` for an invalid zip, a non-.npy entry, or any bad array.
 */
export function decodeNpz(bytes: Uint8Array, source: string = IN_MEMORY_SOURCE): Record<string, Tensor> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new ModelFileError(source, `not a valid .npz (zip) archive: ${(error as Error).message}`, { cause: error });
  }
  const arrays: Record<string, Tensor> = {};
  for (const [entry, data] of Object.entries(entries)) {
    if (entry.endsWith('/')) continue;
    if (!entry.endsWith('.npy')) throw new ModelFileError(source, `entry ${entry} is not an .npy array`);
    arrays[entry.slice(0, -'.npy'.length)] = decodeNpy(data, { source, entry });
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
 * `options.spec`. Missing, extra or misshapen arrays are ModelFileErrors naming the file and the array.
 */
export function modelFromNpz(bytes: Uint8Array, options: NpzReadOptions): { readonly spec: ModelSpec; readonly params: ModelParams } {
  const source = options.source ?? IN_MEMORY_SOURCE;
  const params = paramsFromTensors(options.spec, decodeNpz(bytes, source), npzNames, source);
  return { spec: options.spec, params: toFloat32(params) };
}
