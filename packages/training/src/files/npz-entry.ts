import { Inflate } from 'fflate';
import { excerpt } from '@clearprop/data';
import { crc32 } from './crc32.ts';
import { ModelFileError } from './model-file-error.ts';
import { readNpyHeader } from './npy.ts';
import type { ZipEntry } from './zip-archive.ts';

// Compressed bytes handed to the inflater at a time: deflate expands at most ~1032×, so one step yields ≤ ~17 MB.
const INFLATE_STEP = 16 * 1024;

/**
 * The bytes of one `.npy` entry of an .npz archive: a view for stored entries, or inflated into a buffer of exactly
 * the declared size. The `.npy` header is read first (from the first inflated bytes) and the size its shape implies
 * must equal the size the zip directory declares before anything else is allocated; inflation stops as soon as the
 * data would exceed it; the CRC-32 of the result must match the directory's. Throws ModelFileError naming `source`
 * and the entry otherwise.
 */
export function readNpyEntry(archive: Uint8Array, entry: ZipEntry, source: string): Uint8Array {
  const fail = (problem: string): never => {
    throw new ModelFileError(source, `entry ${excerpt(entry.name)}: ${problem}`);
  };
  const compressed = archive.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) fail(`stored with ${entry.compressedSize} bytes but declares ${entry.size}`);
    const header = readNpyHeader(compressed, { source, entry: entry.name }) ?? fail('truncated inside the .npy header');
    checkDeclaredSize(header.dataStart + header.dataBytes, entry, fail);
    data = compressed;
  } else if (entry.method === 8) {
    data = inflateEntry(compressed, entry, source, fail);
  } else {
    return fail(`compression method ${entry.method} is not supported (only stored and deflate)`);
  }
  const actual = crc32(data);
  if (actual !== entry.crc32) fail(`fails its CRC-32 check (stored ${hex(entry.crc32)}, computed ${hex(actual)}): the archive is corrupt`);
  return data;
}

function inflateEntry(compressed: Uint8Array, entry: ZipEntry, source: string, fail: (problem: string) => never): Uint8Array {
  let prefix: Uint8Array = new Uint8Array(0);
  let out: Uint8Array | undefined;
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (out === undefined) {
      prefix = concat(prefix, chunk);
      const header = readNpyHeader(prefix, { source, entry: entry.name });
      if (header === undefined) {
        if (prefix.length > entry.size) fail(`inflates to more than the ${entry.size} bytes it declares`);
        return;
      }
      checkDeclaredSize(header.dataStart + header.dataBytes, entry, fail);
      if (prefix.length > entry.size) fail(`inflates to more than the ${entry.size} bytes it declares`);
      out = new Uint8Array(entry.size);
      out.set(prefix);
      written = prefix.length;
      return;
    }
    if (written + chunk.length > out.length) fail(`inflates to more than the ${out.length} bytes it declares`);
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let at = 0; at < compressed.length || at === 0; at += INFLATE_STEP) {
      inflater.push(compressed.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= compressed.length);
    }
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    fail(`invalid deflate data (${excerpt((error as Error).message)})`);
  }
  if (out === undefined) return fail('truncated inside the .npy header');
  if (written !== out.length) fail(`inflates to ${written} bytes but declares ${out.length}`);
  return out;
}

function checkDeclaredSize(implied: number, entry: ZipEntry, fail: (problem: string) => never): void {
  if (implied !== entry.size) fail(`its .npy header implies ${implied} bytes but the archive declares ${entry.size}`);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;
