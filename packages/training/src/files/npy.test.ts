import { describe, expect, it } from '@jest/globals';
import { tensor } from '@clearprop/tensor';
import { ModelFileError } from './model-file-error.ts';
import { decodeNpy, encodeNpy } from './npy.ts';

/** An .npy v1.0 file with the given header dict and raw data bytes, padded as NumPy pads it. */
function craftNpy(dict: string, data: Uint8Array): Uint8Array {
  const pad = (64 - ((10 + dict.length + 1) % 64)) % 64;
  const header = `${dict}${' '.repeat(pad)}\n`;
  const out = new Uint8Array(10 + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(data, 10 + header.length);
  return out;
}

const headerOf = (bytes: Uint8Array): string => new TextDecoder('latin1').decode(bytes.subarray(10, 10 + (bytes[8] | (bytes[9] << 8))));

describe('encodeNpy', () => {
  it('writes NPY 1.0 with a NumPy-style header padded to a multiple of 64 bytes', () => {
    const bytes = encodeNpy(tensor([1, 2, 3, 4, 5, 6], [2, 3]));
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const header = headerOf(bytes);
    expect(header.trimEnd()).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
    expect(header.endsWith('\n')).toBe(true);
    expect((10 + header.length) % 64).toBe(0);
    expect(bytes.length).toBe(10 + header.length + 24);
  });

  it('writes 1-d shapes as one-element tuples and float64 as <f8', () => {
    const header = headerOf(encodeNpy(tensor([1, 2], [2], { dtype: 'float64' })));
    expect(header).toMatch(/'descr': '<f8'.*'shape': \(2,\)/);
  });
});

describe('decodeNpy', () => {
  it('round-trips float32 and float64 exactly', () => {
    const f32 = tensor([0.1, -2, 3e-38], [3, 1]);
    const f64 = tensor([0.1, Math.E], [2], { dtype: 'float64' });
    expect(decodeNpy(encodeNpy(f32))).toEqual(f32);
    expect(decodeNpy(encodeNpy(f64))).toEqual(f64);
  });

  it('reports Fortran order, naming the file and the entry', () => {
    const bytes = craftNpy("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", new Uint8Array(4));
    expect(() => decodeNpy(bytes, { source: 'w.npz', entry: 'W0.npy' })).toThrow(
      new ModelFileError('w.npz', 'W0.npy: fortran_order True is not supported (C order only; save with np.ascontiguousarray)'),
    );
  });

  it('reports unsupported dtypes, bad magic, truncation and trailing bytes', () => {
    const bigEndian = craftNpy("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(4));
    expect(() => decodeNpy(bigEndian, { source: 'a.npy' })).toThrow("a.npy: dtype '>f4' is not supported (only '<f4' and '<f8')");
    const ints = craftNpy("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(8));
    expect(() => decodeNpy(ints, { source: 'a.npy' })).toThrow("a.npy: dtype '<i8' is not supported");
    expect(() => decodeNpy(new TextEncoder().encode('PK\x03\x04 not npy'), { source: 'a.npy' })).toThrow('a.npy: not an .npy array');
    const good = encodeNpy(tensor([1, 2, 3], [3]));
    expect(() => decodeNpy(good.subarray(0, good.length - 1), { source: 'a.npy' })).toThrow('a.npy: truncated: shape [3] of \'<f4\' needs 12 data bytes, found 11');
    expect(() => decodeNpy(good.subarray(0, 40), { source: 'a.npy' })).toThrow('a.npy: truncated: 40 bytes end inside the header');
    const longer = new Uint8Array(good.length + 4);
    longer.set(good);
    expect(() => decodeNpy(longer, { source: 'a.npy' })).toThrow('a.npy: 4 trailing bytes after the data of shape [3]');
  });

  it('reports a header without the required keys', () => {
    const bytes = craftNpy("{'descr': '<f4', 'shape': (1,), }", new Uint8Array(4));
    expect(() => decodeNpy(bytes, { source: 'h.npy' })).toThrow(/h\.npy: header .* lacks descr, fortran_order or shape/);
  });
});
