import { describe, expect, it } from '@jest/globals';
import { tensor } from '@clearprop/tensor';
import { ModelFileError } from './model-file-error.ts';
import { decodeSafetensors, encodeSafetensors } from './safetensors.ts';

const weight = tensor([1, -2, 3.5, 0.1, 1e-30, -0], [2, 3]);
const counter = tensor([0.1, Math.PI], [2], { dtype: 'float64' });

/** A file with the given raw header text and `dataLength` zero bytes of data. */
function craft(header: string, dataLength: number): Uint8Array {
  const text = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + text.length + dataLength);
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(text, 8);
  return out;
}

function errorOf(run: () => unknown): ModelFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof ModelFileError) return error;
    throw error;
  }
  throw new Error('expected a ModelFileError');
}

describe('encodeSafetensors / decodeSafetensors', () => {
  it('round-trips F32 and F64 tensors and metadata exactly, and re-encodes to identical bytes', () => {
    const bytes = encodeSafetensors({ w: weight, count: counter }, { note: 'hi' });
    const decoded = decodeSafetensors(bytes);
    expect(decoded.metadata).toEqual({ note: 'hi' });
    expect(decoded.tensors.w).toEqual(weight);
    expect(decoded.tensors.count.dtype).toBe('float64');
    expect(Array.from(decoded.tensors.count.data)).toEqual([0.1, Math.PI]);
    expect(Object.is(decoded.tensors.w.data[5], -0)).toBe(true);
    expect(encodeSafetensors(decoded.tensors, decoded.metadata)).toEqual(bytes);
  });

  it('writes the documented layout: u64 LE header length (multiple of 8), JSON header, LE data', () => {
    const bytes = encodeSafetensors({ w: tensor([1.5], [1]) }, { format: 'x' });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Record<string, unknown>;
    expect(header).toEqual({ __metadata__: { format: 'x' }, w: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } });
    expect(Array.from(bytes.subarray(8 + headerLength))).toEqual([0, 0, 0xc0, 0x3f]);
  });

  it('places wider dtypes first so each tensor is aligned to its element size', () => {
    const bytes = encodeSafetensors({ odd: tensor([1], [1]), wide: counter });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Record<string, { data_offsets: number[] }>;
    expect(header.wide.data_offsets).toEqual([0, 16]);
    expect(header.odd.data_offsets).toEqual([16, 20]);
  });

  it('returns empty metadata when the file has none', () => {
    expect(decodeSafetensors(encodeSafetensors({ w: weight })).metadata).toEqual({});
  });

  it('reads from a window into a larger buffer (as Buffer and zip entries are)', () => {
    const bytes = encodeSafetensors({ w: weight });
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(decodeSafetensors(padded.subarray(3)).tensors.w).toEqual(weight);
  });

  it('rejects a reserved tensor name', () => {
    expect(() => encodeSafetensors({ __metadata__: weight })).toThrow(RangeError);
  });
});

describe('decodeSafetensors validation', () => {
  const good = encodeSafetensors({ w: weight, count: counter }, { note: 'hi' });

  it.each([0, 5, 8, 20, good.length - 40, good.length - 1])('reports a file truncated to %i bytes', (length) => {
    const error = errorOf(() => decodeSafetensors(good.subarray(0, length), 'model.safetensors'));
    expect(error.file).toBe('model.safetensors');
    expect(error.message).toMatch(/^model\.safetensors: truncated/);
  });

  it('reports a header length beyond the file', () => {
    const bytes = good.slice();
    new DataView(bytes.buffer).setBigUint64(0, 2n ** 40n, true);
    expect(() => decodeSafetensors(bytes, 'm.safetensors')).toThrow(/m\.safetensors: truncated or corrupt: header length 1099511627776 exceeds/);
  });

  it('reports header JSON that does not parse or is not an object', () => {
    expect(() => decodeSafetensors(craft('{"w": {"dtype": "F32",', 0), 'bad.safetensors')).toThrow(/bad\.safetensors: header is not valid JSON/);
    expect(() => decodeSafetensors(craft('[1, 2]', 0), 'bad.safetensors')).toThrow(/bad\.safetensors: header JSON is not an object/);
  });

  it('reports offsets that overlap, leave a gap, or leave trailing bytes', () => {
    const overlap = '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}';
    expect(() => decodeSafetensors(craft(overlap, 12), 'o.safetensors')).toThrow('o.safetensors: tensor b (bytes 4–12) overlaps tensor a (bytes 0–8)');
    const gap = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}';
    expect(() => decodeSafetensors(craft(gap, 8), 'g.safetensors')).toThrow('g.safetensors: data bytes 0–4 belong to no tensor');
    const trailing = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}';
    expect(() => decodeSafetensors(craft(trailing, 12), 't.safetensors')).toThrow('t.safetensors: data bytes 4–12 belong to no tensor');
  });

  it('reports offsets beyond the data buffer as truncation', () => {
    const header = '{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}';
    expect(() => decodeSafetensors(craft(header, 8), 'x.safetensors')).toThrow('x.safetensors: truncated: tensors need 16 data bytes but only 8 follow the header');
  });

  it('reports malformed offsets, an unsupported dtype and a shape/offset size mismatch', () => {
    const reversed = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}';
    expect(() => decodeSafetensors(craft(reversed, 4), 'r.safetensors')).toThrow(/r\.safetensors: tensor a: data_offsets \[4,0\] is not a \[begin, end\] pair/);
    const bf16 = '{"a":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]}}';
    expect(() => decodeSafetensors(craft(bf16, 4), 'd.safetensors')).toThrow('d.safetensors: tensor a: dtype "BF16" is not supported (only F32 and F64)');
    const mismatch = '{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,16]}}';
    expect(() => decodeSafetensors(craft(mismatch, 16), 's.safetensors')).toThrow(
      's.safetensors: tensor a: shape [2, 3] of F32 needs 24 bytes but data_offsets [0, 16] hold 16',
    );
    const badShape = '{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}';
    expect(() => decodeSafetensors(craft(badShape, 0), 's.safetensors')).toThrow(/tensor a: shape \[-1\] is not a list of non-negative integers/);
  });

  it('reports metadata that is not a string-to-string map', () => {
    expect(() => decodeSafetensors(craft('{"__metadata__":{"n":1}}', 0), 'meta.safetensors')).toThrow('meta.safetensors: __metadata__ must map strings to strings');
  });
});
