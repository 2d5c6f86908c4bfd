import { closeSync, openSync, readSync } from 'node:fs';
import type { Dataset } from '../dataset.ts';
import { DataError } from '../errors.ts';
import { countLines, readCsv, type CsvOptions } from './parse-csv.ts';

// Bytes read per system call, for counting rows and for parsing: small enough that a piece's strings die young.
const READ_BYTES = 2 ** 18;

/**
 * Reads a UTF-8 CSV file into a Dataset with the same rules and errors as `parseCsv` (errors name `path`), streaming:
 * a first pass counts line breaks to size the typed arrays, a second parses row by row into them, so peak memory is
 * the data as Float32 plus a buffer of `256 KiB + maxRowBytes`, not the file text and its records.
 * The package's only file-system IO. A validation or test set in a separate file is another call with the same options.
 */
export function loadCsv(path: string, options: Omit<CsvOptions, 'source'>): Dataset {
  const fd = open(path);
  try {
    const lineBreaks = countFileLines(fd, path);
    let position = 0;
    return readCsv((into, at) => {
      const count = read(fd, into, at, position, path);
      position += count;
      return count;
    }, { ...options, source: path, chunkBytes: READ_BYTES }, lineBreaks);
  } finally {
    closeSync(fd);
  }
}

function countFileLines(fd: number, path: string): number {
  const buffer = new Uint8Array(READ_BYTES);
  let lines = 0;
  let position = 0;
  for (let count = read(fd, buffer, 0, position, path); count > 0; count = read(fd, buffer, 0, position, path)) {
    lines += countLines(buffer.subarray(0, count));
    position += count;
  }
  return lines;
}

function open(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (error) {
    throw new DataError({ file: path }, `cannot read file: ${(error as Error).message}`);
  }
}

function read(fd: number, into: Uint8Array, at: number, position: number, path: string): number {
  try {
    return readSync(fd, into, at, into.length - at, position);
  } catch (error) {
    throw new DataError({ file: path }, `cannot read file: ${(error as Error).message}`);
  }
}
