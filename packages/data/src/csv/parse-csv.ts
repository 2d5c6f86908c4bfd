import type { Dataset, Task } from '../dataset.ts';
import { dataset } from '../dataset.ts';
import { DataError } from '../errors.ts';
import { oneHot } from '../labels.ts';
import { parseLabelCell, parseNumberCell } from './cells.ts';
import { readRecords, type CsvRecord } from './records.ts';

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
}

/**
 * Parses CSV text with a header row into a Dataset. Shapes: [rows, columns] → x [rows, columns − targets],
 * y [rows, targets] (regression) or y [rows, classes] one-hot (classification). Features keep file order.
 * Throws DataError naming file, line and column for: an empty file, a missing target column (listing the
 * available ones), a duplicate column name, a ragged row, a non-numeric or non-finite cell, a bad class label.
 * @example
 * const ds = parseCsv('a,b,label\n1,2,0\n3,4,1\n', { source: 'tiny.csv', target: 'label', task: 'classification' });
 * expect(ds.classes).toBe(2);
 */
export function parseCsv(text: string, options: CsvOptions): Dataset {
  const file = options.source ?? '<csv>';
  const task = options.task ?? 'regression';
  const records = readRecords(text, file);
  if (records.length === 0) throw new DataError({ file, line: 1 }, 'file is empty; expected a header row');
  const [header, ...rows] = records;
  const { featureColumns, targetColumns, targetsAbsent } = columnLayout(header, options, file);
  const targetCount = targetsAbsent ? (typeof options.target === 'string' ? 1 : options.target.length) : targetColumns.length;
  if (task === 'classification' && targetCount !== 1) {
    throw new RangeError(`parseCsv: classification needs exactly one target column, got ${targetCount}`);
  }
  if (rows.length === 0) throw new DataError({ file, line: header.line + 1 }, 'file has a header but no data rows');
  const cellAt = (row: CsvRecord, column: number) => ({ file, line: row.line, column: column + 1, columnName: header.cells[column] });
  const x = new Float32Array(rows.length * featureColumns.length);
  const targets = new Float64Array(rows.length * targetCount); // stays 0 where the target columns are absent
  rows.forEach((row, i) => {
    assertRowWidth(row, header, file);
    featureColumns.forEach((c, j) => {
      x[i * featureColumns.length + j] = parseNumberCell(row.cells[c], cellAt(row, c));
    });
    targetColumns.forEach((c, k) => {
      const at = cellAt(row, c);
      const cell = row.cells[c];
      targets[i * targetColumns.length + k] =
        task === 'classification' ? parseLabelCell(cell, at, options.classes) : parseNumberCell(cell, at);
    });
  });
  const classes = options.classes ?? Math.max(targets.reduce((max, label) => Math.max(max, label), -1) + 1, targetsAbsent ? 1 : 0);
  return dataset({
    name: options.name ?? file,
    task,
    x,
    y: task === 'classification' ? oneHot(targets, classes) : targets,
    features: featureColumns.length,
    targets: task === 'classification' ? classes : targetCount,
    featureNames: featureColumns.map((c) => header.cells[c]),
    targetNames: targetsAbsent ? (typeof options.target === 'string' ? [options.target] : [...options.target]) : targetColumns.map((c) => header.cells[c]),
    classLabels: task === 'classification' ? options.classLabels : undefined,
  });
}

function columnLayout(header: CsvRecord, options: CsvOptions, file: string) {
  const names = header.cells;
  names.forEach((name, c) => {
    if (names.indexOf(name) !== c) throw new DataError({ file, line: header.line, column: c + 1, columnName: name }, 'duplicate column name');
  });
  const wanted = typeof options.target === 'string' ? [options.target] : options.target;
  if (wanted.length === 0) throw new RangeError('parseCsv: target must name at least one column');
  if (options.targetsOptional && wanted.every((name) => !names.includes(name))) {
    return { featureColumns: names.map((_, c) => c), targetColumns: [] as number[], targetsAbsent: true };
  }
  const targetColumns = wanted.map((name) => {
    const c = names.indexOf(name);
    if (c < 0) {
      throw new DataError({ file, line: header.line }, `target column "${name}" not found in the header; available columns: ${names.join(', ')}`);
    }
    return c;
  });
  const featureColumns = names.map((_, c) => c).filter((c) => !targetColumns.includes(c));
  return { featureColumns, targetColumns, targetsAbsent: false };
}

function assertRowWidth(row: CsvRecord, header: CsvRecord, file: string): void {
  const width = header.cells.length;
  if (row.cells.length === width) return;
  // The column named is the first one missing (short row) or the first one too many (long row).
  const column = Math.min(row.cells.length, width) + 1;
  throw new DataError({ file, line: row.line, column }, `ragged row: ${row.cells.length} cell${row.cells.length === 1 ? '' : 's'} but the header has ${width} column${width === 1 ? '' : 's'}`);
}
