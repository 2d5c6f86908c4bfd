import { dataset, type Dataset, type Task } from '../dataset.ts';
import { DataError } from '../errors.ts';
import { oneHot } from '../labels.ts';
import { excerpt, excerptList } from '../text-excerpt.ts';
import { parseLabelCell, parseNumberCell, parseWeightCell } from './cells.ts';
import type { CsvOptions } from './parse-csv.ts';
import type { CsvRecord } from './record-stream.ts';

/** Default CsvOptions.maxClasses. */
export const DEFAULT_MAX_CLASSES = 1000;
/** Default CsvOptions.maxRowBytes (1 MiB). */
export const DEFAULT_MAX_ROW_BYTES = 2 ** 20;

interface Layout {
  readonly header: CsvRecord;
  readonly featureColumns: readonly number[];
  /** Target columns to read (empty when they are absent or ignored). */
  readonly targetColumns: readonly number[];
  /** How many target columns the dataset has (also when they are absent or ignored). */
  readonly targetCount: number;
  /** Set when the target column is missing: rows are still parsed, to tell a CSV from some other file. */
  readonly missingTarget?: string;
  /** The column of per-row loss weights, when read. */
  readonly weightColumn?: number;
}

/**
 * Turns CSV records into a Dataset with preallocated typed arrays: the header fixes the layout, each row is parsed
 * into X (and labels or Y) at once, so memory is the data as Float32 plus one row. `rowCapacity` is an upper bound
 * on the data rows (from counting line breaks); the arrays are cut to the real count at the end.
 */
export function tableBuilder(options: CsvOptions, rowCapacity: number): { readonly add: (record: CsvRecord) => void; readonly finish: () => Dataset } {
  const table: Table = {
    options, file: options.source ?? '<csv>', task: options.task ?? 'regression',
    maxClasses: options.classes ?? options.maxClasses ?? DEFAULT_MAX_CLASSES,
    layout: undefined, x: new Float32Array(0), y: new Float32Array(0), labels: new Int32Array(0), weights: new Float32Array(0), rows: 0, maxLabel: -1, capacity: rowCapacity,
  };
  return {
    add: (record) => (table.layout === undefined ? startTable(table, record) : addRow(table, table.layout, record)),
    finish: () => finishTable(table),
  };
}

/** A table being built: the options, the layout the header fixed, and the arrays filled so far. */
interface Table {
  readonly options: CsvOptions;
  readonly file: string;
  readonly task: Task;
  readonly maxClasses: number;
  layout: Layout | undefined;
  x: Float32Array;
  y: Float32Array;
  labels: Int32Array;
  weights: Float32Array;
  rows: number;
  maxLabel: number;
  capacity: number;
}

function startTable(table: Table, header: CsvRecord): void {
  const layout = columnLayout(header, table.options, table.file);
  table.layout = layout;
  if (table.task === 'classification' && layout.targetCount !== 1) {
    throw new RangeError(`parseCsv: classification needs exactly one target column, got ${layout.targetCount}`);
  }
  if (layout.missingTarget === undefined) allocate(table, layout, table.capacity);
}

/** (Re)allocates the arrays for `capacity` rows, keeping what they hold. */
function allocate(table: Table, layout: Layout, capacity: number): void {
  const resized = <T extends Float32Array | Int32Array>(a: T, width: number): T => {
    const next = new (a.constructor as new (n: number) => T)(capacity * width);
    next.set(a.subarray(0, Math.min(a.length, next.length)));
    return next;
  };
  table.capacity = capacity;
  table.x = resized(table.x, layout.featureColumns.length);
  if (table.task === 'classification') table.labels = resized(table.labels, 1);
  else table.y = resized(table.y, layout.targetCount);
  if (layout.weightColumn !== undefined) table.weights = resized(table.weights, 1);
}

function addRow(table: Table, layout: Layout, record: CsvRecord): void {
  const { file, task } = table;
  const { header, featureColumns, targetColumns } = layout;
  const at = (column: number) => ({ file, line: record.line, column: column + 1, columnName: header.cells[column] });
  if (layout.missingTarget !== undefined) {
    return probe(layout, record, file, () => featureColumns.forEach((c) => parseNumberCell(record.cells[c], at(c))), () => table.rows++);
  }
  assertRowWidth(record, header, file);
  // Only if a caller's line count was short: the arrays grow by half, as a dynamic array would.
  if (table.rows === table.capacity) allocate(table, layout, Math.ceil(table.capacity * 1.5) + 16);
  const { rows } = table;
  const f = featureColumns.length;
  for (let j = 0; j < f; j++) table.x[rows * f + j] = parseNumberCell(record.cells[featureColumns[j]], at(featureColumns[j]));
  if (task === 'classification') {
    const bound = { classes: table.options.classes, maxClasses: table.maxClasses };
    const label = targetColumns.length === 0 ? 0 : parseLabelCell(record.cells[targetColumns[0]], at(targetColumns[0]), bound);
    table.labels[rows] = label;
    table.maxLabel = Math.max(table.maxLabel, label);
  } else {
    targetColumns.forEach((c, k) => (table.y[rows * targetColumns.length + k] = parseNumberCell(record.cells[c], at(c))));
  }
  if (layout.weightColumn !== undefined) table.weights[rows] = parseWeightCell(record.cells[layout.weightColumn], at(layout.weightColumn));
  table.rows++;
}

function finishTable(table: Table): Dataset {
  const { layout, file, options, task, rows } = table;
  if (layout === undefined) throw new DataError({ file, line: 1 }, 'file is empty; expected a header row');
  const { header, featureColumns, targetCount } = layout;
  if (layout.missingTarget !== undefined) throw missingTargetError(layout, rows, file);
  if (rows === 0) throw new DataError({ file, line: header.line + 1 }, 'file has a header but no data rows');
  const absent = layout.targetColumns.length === 0;
  const classes = options.classes ?? Math.max(table.maxLabel + 1, absent ? 1 : 0);
  const wanted = typeof options.target === 'string' ? [options.target] : [...options.target];
  return dataset({
    name: options.name ?? file,
    task,
    x: fit(table.x, rows * featureColumns.length),
    y: task === 'classification' ? oneHot(table.labels.subarray(0, rows), classes) : fit(table.y, rows * targetCount),
    features: featureColumns.length,
    targets: task === 'classification' ? classes : targetCount,
    featureNames: featureColumns.map((c) => header.cells[c]),
    targetNames: absent ? wanted : layout.targetColumns.map((c) => header.cells[c]),
    classLabels: task === 'classification' ? options.classLabels : undefined,
    ...(layout.weightColumn === undefined ? {} : { weights: fit(table.weights, rows) }),
  });
}

/** `array` cut to `length`: a view when little is wasted, else a copy (so spare capacity is not kept alive). */
function fit(array: Float32Array, length: number): Float32Array {
  if (array.length === length) return array;
  return array.length - length <= array.length / 16 ? array.subarray(0, length) : array.slice(0, length);
}

function columnLayout(header: CsvRecord, options: CsvOptions, file: string): Layout {
  const names = header.cells;
  const seen = new Set<string>();
  names.forEach((name, c) => {
    if (seen.has(name)) throw new DataError({ file, line: header.line, column: c + 1, columnName: name }, 'duplicate column name');
    seen.add(name);
  });
  const wanted = typeof options.target === 'string' ? [options.target] : options.target;
  if (wanted.length === 0) throw new RangeError('parseCsv: target must name at least one column');
  const weight = options.weightColumn;
  if (weight !== undefined && wanted.includes(weight)) throw new RangeError(`parseCsv: "${excerpt(weight, 60)}" cannot be both a target and the weight column`);
  const weightColumn = weight === undefined || options.ignoreTargets === true ? undefined : weightLayout(header, { name: weight, optional: options.weightColumnOptional === true, file });
  const all = names.map((_, c) => c).filter((c) => names[c] !== weight);
  const present = wanted.filter((name) => seen.has(name));
  if (options.ignoreTargets === true || (options.targetsOptional === true && present.length === 0)) {
    return { header, featureColumns: all.filter((c) => !present.includes(names[c])), targetColumns: [], targetCount: wanted.length, ...(weightColumn === undefined ? {} : { weightColumn }) };
  }
  const missing = wanted.find((name) => !seen.has(name));
  if (missing !== undefined) return { header, featureColumns: all, targetColumns: [], targetCount: wanted.length, missingTarget: missing };
  const targetColumns = wanted.map((name) => names.indexOf(name));
  return { header, featureColumns: all.filter((c) => !targetColumns.includes(c)), targetColumns, targetCount: targetColumns.length, ...(weightColumn === undefined ? {} : { weightColumn }) };
}

// The weight column's index; a missing one is an error naming the header's columns, unless it is optional.
function weightLayout(header: CsvRecord, weight: { readonly name: string; readonly optional: boolean; readonly file: string }): number | undefined {
  const column = header.cells.indexOf(weight.name);
  if (column >= 0 || weight.optional) return column >= 0 ? column : undefined;
  throw new DataError({ file: weight.file, line: header.line }, `sample weight column "${excerpt(weight.name, 60)}" not found in the header; available columns: ${excerptList(header.cells)}`);
}

/**
 * Checks a row of a file whose target column is missing: a row that is not `width` numbers means the file is
 * probably not a CSV at all (a config pointing at /etc/passwd), so the error names no cell and shows no content.
 */
function probe(layout: Layout, record: CsvRecord, file: string, parseRow: () => void, counted: () => void): void {
  try {
    assertRowWidth(record, layout.header, file);
    parseRow();
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    throw new DataError({ file, line: layout.header.line }, `target column "${excerpt(String(layout.missingTarget), 60)}" not found in the header, and line ${record.line} is not a row of numbers: is this a CSV file?`);
  }
  counted();
}

// Reached only when every row parsed as numbers: then the header is a CSV header, and its names may be shown.
function missingTargetError(layout: Layout, rows: number, file: string): DataError {
  const names = layout.header.cells;
  const shown = rows > 0 ? `; available columns: ${excerptList(names)}` : '';
  return new DataError({ file, line: layout.header.line }, `target column "${excerpt(String(layout.missingTarget), 60)}" not found in the header${shown}`);
}

function assertRowWidth(row: CsvRecord, header: CsvRecord, file: string): void {
  const width = header.cells.length;
  if (row.cells.length === width) return;
  // The column named is the first one missing (short row) or the first one too many (long row).
  const column = Math.min(row.cells.length, width) + 1;
  throw new DataError({ file, line: row.line, column }, `ragged row: ${row.cells.length} cell${row.cells.length === 1 ? '' : 's'} but the header has ${width} column${width === 1 ? '' : 's'}`);
}
