import { describe, expect, it } from '@jest/globals';
import { tensor } from '@clearprop/tensor';
import { craftZip } from '../testing/zip.ts';
import { crc32 } from './crc32.ts';
import { ModelFileError } from './model-file-error.ts';
import { encodeNpy } from './npy.ts';
import { decodeNpz, DEFAULT_MAX_NPZ_BYTES, encodeNpz, modelFromNpz, modelToNpz } from './npz.ts';
import { zipEntries } from './zip-archive.ts';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const w = encodeNpy(tensor([1, 2, 3, 4, 5, 6], [2, 3]));
const spec = { inputs: 3, layers: [{ units: 2, activation: 'identity' as const }] };

/** The ModelFileError decodeNpz throws (fails the test if it returns). */
function failure(bytes: Uint8Array, maxBytes?: number): ModelFileError {
  try {
    decodeNpz(bytes, { source: 'm.npz', ...(maxBytes === undefined ? {} : { maxBytes }) });
  } catch (error) {
    if (error instanceof ModelFileError) return error;
    throw error;
  }
  throw new Error('expected decodeNpz to throw');
}

describe('crc32', () => {
  it('gives the standard check value and agrees with zip archives fflate writes', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    const archive = encodeNpz({ W0: tensor([1, 2], [2]) });
    const [entry] = zipEntries(archive);
    expect(entry.crc32).toBe(crc32(encodeNpy(tensor([1, 2], [2]))));
  });
});

describe('F5: npz CRC-32 is verified on every entry', () => {
  it.each([false, true])('a one-bit flip inside an entry is an error naming the entry (deflate %s)', (deflate) => {
    const good = craftZip([{ name: 'W0.npy', data: w, deflate }]);
    expect(decodeNpz(good).W0.data).toEqual(Float32Array.of(1, 2, 3, 4, 5, 6));
    const flipped = w.slice();
    flipped[flipped.length - 2] ^= 0x01; // inside the last float: still a valid .npy, with a different weight
    const bad = craftZip([{ name: 'W0.npy', data: flipped, deflate, crc32: crc32(w) }]);
    expect(failure(bad).message).toMatch(/^m\.npz: entry W0\.npy: fails its CRC-32 check \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\): the archive is corrupt$/);
  });

  it('a bit flipped in a real archive (stored or deflated) is caught, whichever byte of the data it hits', () => {
    for (const compress of [false, true]) {
      const bytes = modelToNpz({ spec, params: [{ weight: tensor([1, 2, 3, 4, 5, 6], [2, 3]), bias: tensor([7, 8], [2]) }] }, { compress });
      const [entry] = zipEntries(bytes);
      let caught = 0;
      for (let at = entry.dataStart; at < entry.dataStart + entry.compressedSize; at++) {
        const copy = bytes.slice();
        copy[at] ^= 0x10;
        try {
          modelFromNpz(copy, { spec });
        } catch (error) {
          expect(error).toBeInstanceOf(ModelFileError);
          caught++;
        }
      }
      expect(caught).toBe(entry.compressedSize);
    }
  });
});

describe('F4: npz entry sizes are checked before inflating', () => {
  it('rejects an entry declaring 4 GB before inflating anything', () => {
    const error = failure(craftZip([{ name: 'W0.npy', data: w, deflate: true, declaredSize: 4 * 2 ** 30 }]));
    expect(error.message).toBe(`m.npz: arrays declare ${4 * 2 ** 30} bytes in all, over the limit of ${DEFAULT_MAX_NPZ_BYTES} (the maxBytes option raises it)`);
  });

  it('rejects a sum of entries over maxBytes, and accepts the same archive with the limit raised', () => {
    const archive = craftZip([{ name: 'W0.npy', data: w }, { name: 'W1.npy', data: w, deflate: true }]);
    expect(failure(archive, 2 * w.length - 1).message).toMatch(/arrays declare 304 bytes in all, over the limit of 303/);
    expect(Object.keys(decodeNpz(archive, { maxBytes: 2 * w.length }))).toEqual(['W0', 'W1']);
  });

  it('compares the size the .npy header implies with the declared size before allocating the data', () => {
    const big = encodeNpy(tensor(new Float32Array(1000), [1000]));
    const declaredSmall = craftZip([{ name: 'W0.npy', data: big, deflate: true, declaredSize: 200 }]);
    expect(failure(declaredSmall).message).toBe('m.npz: entry W0.npy: its .npy header implies 4128 bytes but the archive declares 200');
    const lying = new Uint8Array(w.length);
    lying.set(big.subarray(0, 128)); // a header for 1000 floats over 40 bytes of data
    const declaredToo = craftZip([{ name: 'W0.npy', data: lying, deflate: true }]);
    expect(failure(declaredToo).message).toBe(`m.npz: entry W0.npy: its .npy header implies 4128 bytes but the archive declares ${w.length}`);
  });

  it('stops inflating at the declared size when the deflate stream holds more (a zip bomb that lies)', () => {
    // Header and declared size agree on 24 data bytes, but 4 MB of zeros follow in the stream.
    const padded = new Uint8Array(4 * 2 ** 20);
    padded.set(w);
    const bomb = craftZip([{ name: 'W0.npy', data: padded, deflate: true, declaredSize: w.length, crc32: crc32(w) }]);
    expect(bomb.length).toBeLessThan(16 * 1024);
    expect(failure(bomb).message).toBe(`m.npz: entry W0.npy: inflates to more than the ${w.length} bytes it declares`);
  });

  it('reports a deflate stream that ends early, a stored size mismatch and an unknown method', () => {
    const longer = craftZip([{ name: 'W0.npy', data: w, deflate: true, declaredSize: w.length + 4 }]);
    expect(failure(longer).message).toMatch(/its \.npy header implies 152 bytes but the archive declares 156/);
    const stored = craftZip([{ name: 'W0.npy', data: w, declaredSize: w.length - 1 }]);
    expect(failure(stored).message).toBe(`m.npz: entry W0.npy: stored with ${w.length} bytes but declares ${w.length - 1}`);
    const bzip = craftZip([{ name: 'W0.npy', data: w }]);
    const [entry] = zipEntries(bzip);
    const central = bzip.length - 22 - (46 + 'W0.npy'.length);
    new DataView(bzip.buffer).setUint16(central + 10, 12, true);
    expect(failure(bzip).message).toBe('m.npz: entry W0.npy: compression method 12 is not supported (only stored and deflate)');
    expect(entry.method).toBe(0);
  });

  it('reports duplicate names, encrypted entries and headers outside the archive as invalid zips', () => {
    expect(failure(craftZip([{ name: 'W0.npy', data: w }, { name: 'W0.npy', data: w }])).message).toBe('m.npz: not a valid .npz (zip) archive: entry W0.npy appears twice');
    const archive = craftZip([{ name: 'W0.npy', data: w }]);
    const central = archive.length - 22 - (46 + 'W0.npy'.length);
    const encrypted = archive.slice();
    encrypted[central + 8] |= 1;
    expect(failure(encrypted).message).toBe('m.npz: not a valid .npz (zip) archive: entry W0.npy is encrypted');
    const moved = archive.slice();
    new DataView(moved.buffer).setUint32(central + 42, 1e6, true);
    expect(failure(moved).message).toBe('m.npz: not a valid .npz (zip) archive: local header of W0.npy lies outside the archive (truncated?)');
  });

  it('names the entry without echoing control characters from its name', () => {
    const error = failure(craftZip([{ name: '\u001b[31mred\u0007.txt', data: w }]));
    expect(error.message).toBe('m.npz: entry red.txt is not an .npy array');
  });
});
