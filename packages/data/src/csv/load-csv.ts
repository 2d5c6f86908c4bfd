import { readFileSync } from 'node:fs';
import type { Dataset } from '../dataset.ts';
import { DataError } from '../errors.ts';
import { parseCsv, type CsvOptions } from './parse-csv.ts';

/**
 * Reads a UTF-8 CSV file and parses it with `parseCsv` (errors name `path`). The package's only IO.
 * A validation or test set kept in a separate file is just another `loadCsv` call with the same options.
 */
export function loadCsv(path: string, options: Omit<CsvOptions, 'source'>): Dataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataError({ file: path }, `cannot read file: ${(error as Error).message}`);
  }
  return parseCsv(text, { ...options, source: path });
}
