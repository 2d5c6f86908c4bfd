import { formatShape, fromData, size, type DType, type Tensor } from '@clearprop/tensor';
import { excerpt } from '@clearprop/data';
import { bytesPerElement, readFloats, viewOf, writeFloats } from './little-endian.ts';
import { IN_MEMORY_SOURCE, ModelFileError } from './model-file-error.ts';

/** Where an .npy array came from, for error messages. */
export interface NpyReadOptions {
  /** File name. @defaultValue '<in-memory bytes>' */
  readonly source?: string;
  /** Name of the array inside an .npz archive, prefixed to the problem. */
  readonly entry?: string;
}

/** What an .npy header declares: the element type, the shape, where the data starts and how many bytes it has. */
export interface NpyHeader {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly dataStart: number;
  readonly dataBytes: number;
}

const MAX_HEADER_LENGTH = 65536;
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const DESCR: Record<DType, string> = { float32: '<f4', float64: '<f8' };
const DTYPE = new Map<string, DType>([['<f4', 'float32'], ['<f8', 'float64']]);

/**
 * Encodes a tensor as NPY format 1.0 (C order, `<f4` or `<f8` by dtype), readable by `numpy.load`.
 * The header dict is space-padded and ends in `\n` so that magic + version + length + header is a multiple of 64 bytes,
 * which lets NumPy memory-map the data aligned.
 * @see https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 */
export function encodeNpy(t: Tensor): Uint8Array {
  const shape = t.shape.length === 1 ? `(${t.shape[0]},)` : `(${t.shape.join(', ')})`;
  const dict = `{'descr': '${DESCR[t.dtype]}', 'fortran_order': False, 'shape': ${shape}, }`;
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  if (header.length > 0xffff) throw new RangeError(`encodeNpy: shape ${formatShape(t.shape)} needs a header too long for NPY 1.0`);
  const dataStart = 10 + header.length;
  const out = new Uint8Array(dataStart + t.data.length * bytesPerElement(t.dtype));
  out.set(MAGIC);
  out[6] = 1;
  out[7] = 0;
  const view = viewOf(out);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  writeFloats(view, dataStart, t.data);
  return out;
}

/**
 * Decodes an .npy array (format 1.0, 2.0 or 3.0) of dtype `<f4` or `<f8`, keeping the dtype exactly.
 * Throws ModelFileError for a bad magic or version, an unparsable header, Fortran order, another dtype,
 * or data that is truncated or has trailing bytes.
 */
export function decodeNpy(bytes: Uint8Array, options: NpyReadOptions = {}): Tensor {
  const fail = npyFailure(options);
  const header = readNpyHeader(bytes, options) ?? fail(`truncated: ${bytes.length} bytes end inside the header`);
  const { dtype, shape, dataStart, dataBytes } = header;
  const actual = bytes.length - dataStart;
  if (actual < dataBytes) fail(`truncated: shape ${formatShape(shape)} of '${DESCR[dtype]}' needs ${dataBytes} data bytes, found ${actual}`);
  if (actual > dataBytes) fail(`${actual - dataBytes} trailing bytes after the data of shape ${formatShape(shape)}`);
  return fromData(readFloats(viewOf(bytes), dataStart, size(shape), dtype), shape);
}

/**
 * Reads the header at the start of an .npy array, which may be only its first bytes (an .npz entry being inflated):
 * returns undefined when `bytes` ends before the header does, so the caller can supply more.
 * Throws ModelFileError for a bad magic or version, an unparsable header, Fortran order or an unsupported dtype.
 */
export function readNpyHeader(bytes: Uint8Array, options: NpyReadOptions = {}): NpyHeader | undefined {
  const fail = npyFailure(options);
  if (bytes.length < 8) return MAGIC.some((b, i) => i < bytes.length && bytes[i] !== b) ? fail('not an .npy array (bad magic)') : undefined;
  if (MAGIC.some((b, i) => bytes[i] !== b)) return fail('not an .npy array (bad magic or truncated)');
  const major = bytes[6];
  if (major < 1 || major > 3) fail(`NPY format version ${major}.${bytes[7]} is not supported`);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) return undefined;
  const view = viewOf(bytes);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  // NumPy itself refuses headers over 10 000 bytes by default (np.load max_header_size); a shape needs far fewer.
  if (headerLength > MAX_HEADER_LENGTH) fail(`header of ${headerLength} bytes is longer than the ${MAX_HEADER_LENGTH} allowed`);
  const dataStart = 8 + lengthBytes + headerLength;
  if (dataStart > bytes.length) return undefined;
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(8 + lengthBytes, dataStart));
  const { descr, fortranOrder, shape } = parseHeader(text, fail);
  if (fortranOrder) fail('fortran_order True is not supported (C order only; save with np.ascontiguousarray)');
  const dtype = DTYPE.get(descr) ?? fail(`dtype '${excerpt(descr, 20)}' is not supported (only '<f4' and '<f8')`);
  const dataBytes = size(shape) * bytesPerElement(dtype);
  if (!Number.isSafeInteger(dataBytes)) fail(`shape ${excerpt(formatShape(shape))} is too large`);
  return { dtype, shape, dataStart, dataBytes };
}

function npyFailure(options: NpyReadOptions): (problem: string) => never {
  return (problem) => {
    throw new ModelFileError(options.source ?? IN_MEMORY_SOURCE, options.entry === undefined ? problem : `${excerpt(options.entry)}: ${problem}`);
  };
}

function parseHeader(
  header: string,
  fail: (problem: string) => never,
): { readonly descr: string; readonly fortranOrder: boolean; readonly shape: number[] } {
  // NumPy writes a Python dict literal; these three keys are all the format defines, so matching them is enough.
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    return fail(`header ${JSON.stringify(excerpt(header.trim()))} lacks descr, fortran_order or shape`);
  }
  const dims = shapeText.split(',').map((d) => d.trim()).filter((d) => d !== '');
  if (!dims.every((d) => /^\d{1,15}$/.test(d))) fail(`shape (${excerpt(shapeText)}) is not a tuple of non-negative integers`);
  return { descr, fortranOrder: fortran === 'True', shape: dims.map(Number) };
}
