import type { Dataset, Task } from '../dataset.ts';
import { streamRecords, type ByteSource } from './record-stream.ts';
import { DEFAULT_MAX_ROW_BYTES, tableBuilder } from './table-builder.ts';

/** How to read a CSV table into a Dataset. */
export interface CsvOptions {
  /** The file name used in error messages. @defaultValue '<csv>' */
  readonly source?: string;
  /** Header name(s) of the target column(s); every other column is a numeric feature. */
  readonly target: string | readonly string[];
  /** Classification reads one integer label column and one-hot encodes it. @defaultValue 'regression' */
  readonly task?: Task;
  /** Number of classes (labels must be below it). @defaultValue max label + 1 */
  readonly classes?: number;
  /**
   * When `classes` is not given, labels must be below this: one cell reading `3000000000` must not size a
   * [rows, 3·10⁹] one-hot matrix. @defaultValue DEFAULT_MAX_CLASSES (1000)
   */
  readonly maxClasses?: number;
  /** The longest row, in bytes; bounds the read buffer, and with it any one cell. @defaultValue DEFAULT_MAX_ROW_BYTES (1 MiB) */
  readonly maxRowBytes?: number;
  /** Names of classes 0…classes−1. @defaultValue ['0', '1', …] */
  readonly classLabels?: readonly string[];
  /** Dataset name. @defaultValue source */
  readonly name?: string;
  /**
   * For inputs to predict on: when every target column is absent, read all columns as features and fill the
   * targets with zeros (class 0 for classification) instead of failing. A file that has some but not all of the
   * target columns is still an error. @defaultValue false
   */
  readonly targetsOptional?: boolean;
  /**
   * For predict: target columns (and the weight column) are never read, whatever they hold; present ones are
   * skipped, absent ones are fine, and the targets are zeros (class 0). @defaultValue false
   */
  readonly ignoreTargets?: boolean;
  /**
   * A column of per-row loss weights (sample weights): not a feature; every cell a finite number ≥ 0, else a
   * DataError naming the cell. Missing from the header is a DataError unless `weightColumnOptional`.
   * @defaultValue none
   */
  readonly weightColumn?: string;
  /** A file without the weight column reads without weights (eval on a CSV that has none). @defaultValue false */
  readonly weightColumnOptional?: boolean;
}

/**
 * Parses CSV text with a header row into a Dataset. Shapes: [rows, columns] → x [rows, columns − targets],
 * y [rows, targets] (regression) or y [rows, classes] one-hot (classification). Features keep file order.
 * Throws DataError naming file, line and column for: an empty file, a missing target column (listing the
 * available ones only when the rest parses as a numeric table), a duplicate column name, a ragged row, a row over
 * `maxRowBytes`, a non-numeric or non-finite cell, a bad class label or one over `maxClasses`. Quoted file content
 * is cut to 120 characters without control characters.
 * @example
 * const ds = parseCsv('a,b,label\n1,2,0\n3,4,1\n', { source: 'tiny.csv', target: 'label', task: 'classification' });
 * expect(ds.classes).toBe(2);
 */
export function parseCsv(text: string, options: CsvOptions): Dataset {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  const source: ByteSource = (into, at) => {
    const count = Math.min(into.length - at, bytes.length - offset);
    into.set(bytes.subarray(offset, offset + count), at);
    offset += count;
    return count;
  };
  return readCsv(source, options, countLines(bytes));
}

/**
 * Reads a CSV from a byte source into a Dataset (what parseCsv and loadCsv share). `lineBreaks` must be at least
 * the number of line breaks in the data: it sizes the arrays, which are filled row by row as records stream in.
 */
export function readCsv(source: ByteSource, options: CsvOptions & { readonly chunkBytes?: number }, lineBreaks: number): Dataset {
  const builder = tableBuilder(options, lineBreaks + 1);
  streamRecords(source, { file: options.source ?? '<csv>', maxRowBytes: options.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES, ...(options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes }) }, builder.add);
  return builder.finish();
}

/** Line breaks in `bytes` (LF, or CR for files that use CR alone): an upper bound on the records after the first. */
export function countLines(bytes: Uint8Array): number {
  let lf = 0;
  let cr = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) lf++;
  for (let i = bytes.indexOf(0x0d); i >= 0; i = bytes.indexOf(0x0d, i + 1)) cr++;
  return Math.max(lf, cr);
}
