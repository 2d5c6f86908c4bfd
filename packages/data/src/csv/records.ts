import { parse } from 'csv-parse/sync';
import { DataError } from '../errors.ts';

/** One parsed CSV record: its trimmed cells and the (1-based) line where it ends. */
export interface CsvRecord {
  readonly cells: readonly string[];
  readonly line: number;
}

/** Splits CSV text into records (empty lines skipped, cells trimmed); CSV syntax errors become DataErrors. */
export function readRecords(text: string, file: string): CsvRecord[] {
  try {
    // With `info: true` csv-parse returns { record, info } objects, which its overloads do not express.
    const rows = parse(text, {
      info: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as readonly { readonly record: string[]; readonly info: { readonly lines: number } }[];
    return rows.map(({ record, info }) => ({ cells: record, line: info.lines }));
  } catch (error) {
    if (error instanceof DataError) throw error;
    const { lines, column, message } = error as { lines?: number; column?: number; message?: string };
    throw new DataError({ file, line: lines, column: typeof column === 'number' ? column + 1 : undefined }, `invalid CSV: ${message}`);
  }
}
