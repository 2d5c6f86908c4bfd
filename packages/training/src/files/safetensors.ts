import { formatShape, fromData, size, type DType, type Tensor } from '@clearprop/tensor';
import { bytesPerElement, readFloats, viewOf, writeFloats } from './little-endian.ts';
import { excerpt } from '@clearprop/data';
import { isPlainObject } from './json.ts';
import { IN_MEMORY_SOURCE, ModelFileError } from './model-file-error.ts';

/** The contents of a safetensors file: named tensors plus the optional string-to-string `__metadata__`. */
export interface Safetensors {
  readonly tensors: Readonly<Record<string, Tensor>>;
  /** Empty when the file has no `__metadata__` (as PyTorch often writes it). */
  readonly metadata: Readonly<Record<string, string>>;
}

const METADATA_KEY = '__metadata__';
const FILE_DTYPE: Record<DType, string> = { float32: 'F32', float64: 'F64' };
const TENSOR_DTYPE = new Map<string, DType>([['F32', 'float32'], ['F64', 'float64']]);

interface Entry {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly begin: number;
  readonly end: number;
}

/**
 * Encodes tensors in the safetensors format: u64 LE header length N, N bytes of JSON header (space-padded to a
 * multiple of 8), then the raw little-endian data. float32 tensors are written as F32, float64 as F64.
 * Tensors are laid out widest dtype first (stable otherwise), so every tensor starts aligned to its element size.
 * @see https://github.com/huggingface/safetensors#format
 */
export function encodeSafetensors(tensors: Readonly<Record<string, Tensor>>, metadata?: Readonly<Record<string, string>>): Uint8Array {
  if (Object.hasOwn(tensors, METADATA_KEY)) throw new RangeError(`encodeSafetensors: "${METADATA_KEY}" is reserved and cannot name a tensor`);
  const ordered = Object.entries(tensors).sort(([, a], [, b]) => bytesPerElement(b.dtype) - bytesPerElement(a.dtype));
  const parts = metadata === undefined ? [] : [`${JSON.stringify(METADATA_KEY)}:${JSON.stringify(metadata)}`];
  let dataLength = 0;
  for (const [name, t] of ordered) {
    const end = dataLength + t.data.length * bytesPerElement(t.dtype);
    const info = { dtype: FILE_DTYPE[t.dtype], shape: [...t.shape], data_offsets: [dataLength, end] };
    parts.push(`${JSON.stringify(name)}:${JSON.stringify(info)}`);
    dataLength = end;
  }
  const header = new TextEncoder().encode(`{${parts.join(',')}}`);
  const headerLength = Math.ceil(header.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + dataLength);
  const view = viewOf(out);
  view.setBigUint64(0, BigInt(headerLength), true);
  out.set(header, 8);
  out.fill(0x20, 8 + header.length, 8 + headerLength);
  let offset = 8 + headerLength;
  for (const [, t] of ordered) {
    writeFloats(view, offset, t.data);
    offset += t.data.length * bytesPerElement(t.dtype);
  }
  return out;
}

/**
 * Decodes a safetensors file, validating it completely: F32 and F64 tensors are read exactly (F64 stays float64).
 * Throws ModelFileError naming `source` for a truncated file, a header length beyond the file, invalid JSON,
 * an unsupported dtype, a shape that does not match its byte range, and offsets that overlap, leave gaps or
 * fall outside the data buffer.
 */
export function decodeSafetensors(bytes: Uint8Array, source: string = IN_MEMORY_SOURCE): Safetensors {
  const { header, dataStart } = readHeader(bytes, source);
  const dataLength = bytes.length - dataStart;
  const metadata = readMetadata(header[METADATA_KEY], source);
  const entries = Object.entries(header)
    .filter(([name]) => name !== METADATA_KEY)
    .map(([name, raw]) => parseEntry(name, raw, source));
  checkCoverage(entries, dataLength, source);
  const view = viewOf(bytes);
  // No prototype: a tensor named `__proto__` must become an entry, not replace the object's prototype.
  const tensors: Record<string, Tensor> = Object.create(null) as Record<string, Tensor>;
  for (const e of entries) {
    const count = (e.end - e.begin) / bytesPerElement(e.dtype);
    tensors[e.name] = fromData(readFloats(view, dataStart + e.begin, count, e.dtype), e.shape);
  }
  return { tensors, metadata };
}

function readHeader(bytes: Uint8Array, source: string): { readonly header: Record<string, unknown>; readonly dataStart: number } {
  if (bytes.length < 8) {
    throw new ModelFileError(source, `truncated: ${bytes.length} bytes, too short for the 8-byte header length`);
  }
  const declared = viewOf(bytes).getBigUint64(0, true);
  if (declared > BigInt(bytes.length - 8)) {
    throw new ModelFileError(source, `truncated or corrupt: header length ${declared} exceeds the ${bytes.length - 8} bytes after it`);
  }
  const dataStart = 8 + Number(declared);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, dataStart)));
  } catch (error) {
    throw new ModelFileError(source, `header is not valid JSON (${excerpt((error as Error).message)})`, { cause: error });
  }
  if (!isPlainObject(header)) throw new ModelFileError(source, 'header JSON is not an object');
  return { header, dataStart };
}

function readMetadata(raw: unknown, source: string): Record<string, string> {
  if (raw === undefined) return {};
  if (!isPlainObject(raw) || Object.values(raw).some((v) => typeof v !== 'string')) {
    throw new ModelFileError(source, `${METADATA_KEY} must map strings to strings`);
  }
  return Object.assign(Object.create(null) as Record<string, string>, raw);
}

function parseEntry(name: string, raw: unknown, source: string): Entry {
  const fail = (problem: string): never => {
    throw new ModelFileError(source, `tensor ${excerpt(name)}: ${problem}`);
  };
  if (!isPlainObject(raw)) return fail('header entry is not an object');
  const { dtype, shape, data_offsets: offsets } = raw;
  const tensorDtype = typeof dtype === 'string' ? TENSOR_DTYPE.get(dtype) : undefined;
  if (tensorDtype === undefined) return fail(`dtype ${quote(dtype)} is not supported (only F32 and F64)`);
  if (!Array.isArray(shape) || !shape.every(isCount)) return fail(`shape ${quote(shape)} is not a list of non-negative integers`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    return fail(`data_offsets ${quote(offsets)} is not a [begin, end] pair with begin ≤ end`);
  }
  const [begin, end] = offsets as number[];
  const expected = size(shape) * bytesPerElement(tensorDtype);
  if (end - begin !== expected) {
    fail(`shape ${formatShape(shape)} of ${dtype} needs ${expected} bytes but data_offsets [${begin}, ${end}] hold ${end - begin}`);
  }
  return { name, dtype: tensorDtype, shape, begin, end };
}

function checkCoverage(entries: readonly Entry[], dataLength: number, source: string): void {
  const needed = entries.reduce((max, e) => Math.max(max, e.end), 0);
  if (needed > dataLength) {
    throw new ModelFileError(source, `truncated: tensors need ${needed} data bytes but only ${dataLength} follow the header`);
  }
  // The format requires the data buffer to be covered exactly once: no overlaps (aliasing) and no holes.
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  let previous: Entry | undefined;
  for (const e of sorted) {
    if (e.begin < covered && previous !== undefined) {
      throw new ModelFileError(source, `tensor ${excerpt(e.name, 60)} (bytes ${e.begin}–${e.end}) overlaps tensor ${excerpt(previous.name, 60)} (bytes ${previous.begin}–${previous.end})`);
    }
    if (e.begin > covered) throw new ModelFileError(source, `data bytes ${covered}–${e.begin} belong to no tensor`);
    covered = e.end;
    previous = e;
  }
  if (covered < dataLength) throw new ModelFileError(source, `data bytes ${covered}–${dataLength} belong to no tensor`);
}

/** JSON of a header value for a message, cut to a short excerpt (a shape may be a million-element list). */
function quote(value: unknown): string {
  return excerpt(JSON.stringify(value) ?? String(value), 60);
}

function isCount(x: unknown): x is number {
  return Number.isSafeInteger(x) && (x as number) >= 0;
}

