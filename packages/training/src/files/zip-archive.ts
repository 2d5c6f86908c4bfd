import { excerpt } from '@clearprop/data';

/** One file of a zip archive as its central directory describes it; nothing is inflated yet. */
export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflate. */
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  /** The size the directory declares for the inflated data (checked again while inflating). */
  readonly size: number;
  /** Where the entry's (compressed) data starts in the archive. */
  readonly dataStart: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

/**
 * Lists the entries of a zip archive from its central directory (zip64 included), checking that every header and
 * every entry's data lie inside the archive, that names are unique, and that no entry is encrypted.
 * Throws Error with a one-line reason; the caller adds the file name.
 * @see https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT (sections 4.3.7, 4.3.12, 4.3.14–16, 4.5.3)
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(view);
  let count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (end >= 20 && view.getUint32(end - 20, true) === ZIP64_LOCATOR) {
    const record = safeNumber(view.getBigUint64(end - 12, true), 'zip64 directory offset');
    need(view, record, 56, 'zip64 end of central directory');
    if (view.getUint32(record, true) !== ZIP64_EOCD) throw new Error('zip64 end of central directory record not found');
    count = safeNumber(view.getBigUint64(record + 32, true), 'entry count');
    offset = safeNumber(view.getBigUint64(record + 48, true), 'central directory offset');
  }
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  for (let i = 0; i < count; i++) {
    need(view, offset, 46, `central directory entry ${i}`);
    if (view.getUint32(offset, true) !== CENTRAL) throw new Error(`central directory entry ${i} has a bad signature`);
    const { entry, next } = centralEntry(view, bytes, offset);
    if (names.has(entry.name)) throw new Error(`entry ${excerpt(entry.name)} appears twice`);
    names.add(entry.name);
    entries.push(entry);
    offset = next;
  }
  return entries;
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65 535 bytes, at the very end.
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  throw new Error('end of central directory not found (not a zip, or truncated)');
}

function centralEntry(view: DataView, bytes: Uint8Array, at: number): { readonly entry: ZipEntry; readonly next: number } {
  const flags = view.getUint16(at + 8, true);
  const nameLength = view.getUint16(at + 28, true);
  const extraLength = view.getUint16(at + 30, true);
  const commentLength = view.getUint16(at + 32, true);
  need(view, at + 46, nameLength + extraLength, 'central directory entry');
  const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
  if (flags & 1) throw new Error(`entry ${excerpt(name)} is encrypted`);
  let compressedSize = view.getUint32(at + 20, true);
  let size = view.getUint32(at + 24, true);
  let local = view.getUint32(at + 42, true);
  // Zip64: each field that is 0xFFFFFFFF is in the 0x0001 extra block, in this order.
  const zip64 = extraBlock(view, at + 46 + nameLength, extraLength, 0x0001);
  let field = zip64?.start ?? 0;
  const wide = (value: number, what: string): number => {
    if (value !== MAX32) return value;
    if (zip64 === undefined || field + 8 > zip64.end) throw new Error(`entry ${excerpt(name)}: ${what} is in a zip64 block that is missing`);
    const wideValue = safeNumber(view.getBigUint64(field, true), what);
    field += 8;
    return wideValue;
  };
  size = wide(size, 'size');
  compressedSize = wide(compressedSize, 'compressed size');
  local = wide(local, 'local header offset');
  need(view, local, 30, `local header of ${excerpt(name)}`);
  if (view.getUint32(local, true) !== LOCAL) throw new Error(`local header of ${excerpt(name)} has a bad signature`);
  const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  need(view, dataStart, compressedSize, `data of ${excerpt(name)}`);
  const entry = { name, method: view.getUint16(at + 10, true), crc32: view.getUint32(at + 16, true), compressedSize, size, dataStart };
  return { entry, next: at + 46 + nameLength + extraLength + commentLength };
}

function extraBlock(view: DataView, start: number, length: number, id: number): { readonly start: number; readonly end: number } | undefined {
  for (let at = start; at + 4 <= start + length; ) {
    const blockLength = view.getUint16(at + 2, true);
    if (view.getUint16(at, true) === id) return { start: at + 4, end: Math.min(at + 4 + blockLength, start + length) };
    at += 4 + blockLength;
  }
  return undefined;
}

function need(view: DataView, at: number, length: number, what: string): void {
  if (at < 0 || at + length > view.byteLength) throw new Error(`${what} lies outside the archive (truncated?)`);
}

function safeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`${what} ${value} is out of range`);
  return Number(value);
}
