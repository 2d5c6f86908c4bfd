import { deflateSync } from 'fflate';
import { concatBytes } from '@clearprop/data/testing';

/** One entry of a hand-built zip: its data and, to craft broken archives, header fields that may lie about it. */
export interface CraftedZipEntry {
  readonly name: string;
  /** The entry's real (uncompressed) content. */
  readonly data: Uint8Array;
  /** Deflate it (method 8) or store it (method 0). @defaultValue false */
  readonly deflate?: boolean;
  /** The CRC-32 written in the headers. @defaultValue the real one */
  readonly crc32?: number;
  /** The uncompressed size written in the central directory. @defaultValue the real one */
  readonly declaredSize?: number;
}

/**
 * Builds a zip archive byte by byte (local headers, central directory, end record), so tests can write the lies
 * a hostile archive tells: a wrong CRC, a declared size that differs from the data. Sizes ≥ 2³² use zip64 fields.
 */
export function craftZip(entries: readonly CraftedZipEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const body = entry.deflate === true ? deflateSync(entry.data) : entry.data;
    const crc = entry.crc32 ?? crcOf(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const local = new Uint8Array(30 + name.length + body.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, entry.deflate === true ? 8 : 0, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, Math.min(size, 0xffffffff), true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(body, 30 + name.length);
    locals.push(local);
    const wide = size >= 0xffffffff;
    const central = new Uint8Array(46 + name.length + (wide ? 12 : 0));
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 45, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, entry.deflate === true ? 8 : 0, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, wide ? 0xffffffff : size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, wide ? 12 : 0, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    if (wide) {
      cv.setUint16(46 + name.length, 0x0001, true);
      cv.setUint16(48 + name.length, 8, true);
      cv.setBigUint64(50 + name.length, BigInt(size), true);
    }
    centrals.push(central);
    offset += local.length;
  }
  const directorySize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  return concatBytes(...locals, ...centrals, end);
}

// An independent bitwise CRC-32 (no table), so the reader's table version is checked against a second implementation.
function crcOf(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
