import { excerpt } from './text-excerpt.ts';

/** Where in a source file a problem was found; line and column are 1-based. */
export interface DataErrorLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** Header name of the column, when known, so the message reads like the file. */
  readonly columnName?: string;
}

/**
 * Thrown when input data is malformed: a bad CSV cell, a ragged row, a missing column, an empty file.
 * The message always names the file, and the line and column when they are known.
 */
export class DataError extends Error {
  override readonly name = 'DataError';
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(location: DataErrorLocation, detail: string) {
    super(`${formatLocation(location)}: ${detail}`);
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
  }
}

function formatLocation({ file, line, column, columnName }: DataErrorLocation): string {
  let where = file;
  if (line !== undefined) where += `, line ${line}`;
  if (column !== undefined) where += `, column ${column}`;
  if (columnName !== undefined) where += ` ("${excerpt(columnName, 60)}")`;
  return where;
}
