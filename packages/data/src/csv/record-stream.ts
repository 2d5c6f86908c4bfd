import { parse } from 'csv-parse/sync';
import { DataError } from '../errors.ts';
import { excerpt } from '../text-excerpt.ts';

/** One parsed CSV record: its trimmed cells and the (1-based) line where it ends. */
export interface CsvRecord {
  readonly cells: readonly string[];
  readonly line: number;
}

/** Where CSV bytes come from: copies up to `into.length - at` bytes into `into` at `at`; returns 0 at the end. */
export type ByteSource = (into: Uint8Array, at: number) => number;

/** Bounds of streamRecords. */
export interface RecordStreamOptions {
  /** File name for errors. */
  readonly file: string;
  /** Longest row in bytes (its line break excluded). */
  readonly maxRowBytes: number;
  /** Bytes read at a time. @defaultValue 64 KiB */
  readonly chunkBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/**
 * Reads CSV records from `source` with bounded memory, calling `onRecord` for each (empty lines skipped, cells
 * trimmed, a leading BOM dropped). The bytes are cut into pieces that end at a line break outside quotes (even
 * quote parity, as RFC 4180 quoting implies) and each piece is parsed by csv-parse; so the buffer holds one chunk
 * plus one row, and a row longer than `maxRowBytes` is a DataError naming its line before more is read.
 * CSV syntax errors become DataErrors with file and line.
 */
export function streamRecords(source: ByteSource, options: RecordStreamOptions, onRecord: (record: CsvRecord) => void): void {
  const { file, maxRowBytes } = options;
  const chunk = Math.max(1, options.chunkBytes ?? 2 ** 16);
  const buffer = new Uint8Array(chunk + maxRowBytes + 2);
  let filled = 0;
  let scanned = 0; // bytes of `buffer` already scanned for line breaks
  let inQuotes = false;
  let rowStart = 0; // where the record being scanned began
  let boundary = 0; // end of the last complete record in `buffer`
  let linesBefore = 0; // line breaks in the pieces already parsed
  let breakByte = -1; // LF, or CR for a file whose lines end in CR alone; decided at the first line break
  let first = true;
  for (;;) {
    const read = filled < buffer.length ? source(buffer, filled) : 0;
    filled += read;
    const atEnd = read === 0;
    if (breakByte < 0) breakByte = firstBreak(buffer, filled, atEnd);
    // Bytes are scanned only once the kind of line break is known (a CR at the end of a read may be half a CRLF).
    for (; breakByte >= 0 && scanned < filled; scanned++) {
      const byte = buffer[scanned];
      if (byte === QUOTE) inQuotes = !inQuotes;
      else if (byte === breakByte && !inQuotes) {
        checkRowLength(scanned - rowStart, buffer, rowStart, linesBefore, options);
        rowStart = scanned + 1;
        boundary = scanned + 1;
      }
    }
    checkRowLength(filled - rowStart, buffer, rowStart, linesBefore, options);
    const end = atEnd ? filled : boundary;
    if (end > 0 && (atEnd || filled > chunk)) {
      const piece = buffer.subarray(0, end);
      parsePiece(piece, { file, first, linesBefore, breakByte }, onRecord);
      linesBefore += countByte(piece, breakByte < 0 ? LF : breakByte);
      first = false;
      buffer.copyWithin(0, end, filled);
      filled -= end;
      scanned -= end;
      rowStart -= end;
      boundary = 0;
    }
    if (atEnd) return;
  }
}

/** LF normally; CR when the first line break in the first bytes is a CR not followed by LF (old Mac files). */
function firstBreak(buffer: Uint8Array, filled: number, atEnd: boolean): number {
  for (let i = 0; i < filled; i++) {
    if (buffer[i] === LF) return LF;
    if (buffer[i] === CR) {
      if (i + 1 < filled) return buffer[i + 1] === LF ? LF : CR;
      return atEnd ? CR : -1;
    }
  }
  return atEnd ? LF : -1;
}

/** Throws a DataError naming the line unless the row at `start` (`length` bytes so far) fits maxRowBytes. */
function checkRowLength(length: number, buffer: Uint8Array, start: number, linesBefore: number, options: RecordStreamOptions): void {
  const limit = options.maxRowBytes;
  // A CR before the LF belongs to the line break, not the row.
  if (length <= limit || (length === limit + 1 && buffer[start + length - 1] === CR)) return;
  const line = linesBefore + countByte(buffer.subarray(0, start), LF) + 1;
  throw new DataError(
    { file: options.file, line },
    `row is longer than ${options.maxRowBytes} bytes (the maxRowBytes limit; raise it for longer rows)`,
  );
}

interface PiecePosition {
  readonly file: string;
  readonly first: boolean;
  readonly linesBefore: number;
  readonly breakByte: number;
}

function parsePiece(piece: Uint8Array, at: PiecePosition, onRecord: (record: CsvRecord) => void): void {
  try {
    parse(piece, {
      bom: at.first,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      // Explicit, not detected per piece: a piece must split into records exactly as the whole file would.
      record_delimiter: at.breakByte === CR ? ['\r'] : ['\r\n', '\n'],
      // Each record goes on at once and is dropped (null), so a piece's records never pile up in an array.
      on_record: (record: string[], context: { readonly lines: number }) => {
        onRecord({ cells: record, line: at.linesBefore + context.lines });
        return null;
      },
    });
  } catch (error) {
    if (error instanceof DataError) throw error;
    const { lines, column, message } = error as { lines?: number; column?: number; message?: string };
    throw new DataError(
      { file: at.file, ...(lines === undefined ? {} : { line: at.linesBefore + lines }), ...(typeof column === 'number' ? { column: column + 1 } : {}) },
      // csv-parse counts lines from the start of the piece; say them from the start of the file.
      `invalid CSV: ${excerpt(String(message).replace(/\bline (\d+)/g, (_, n: string) => `line ${at.linesBefore + Number(n)}`))}`,
    );
  }
}

function countByte(bytes: Uint8Array, byte: number): number {
  let count = 0;
  for (let i = bytes.indexOf(byte); i >= 0; i = bytes.indexOf(byte, i + 1)) count++;
  return count;
}
