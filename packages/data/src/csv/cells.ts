import { DataError, type DataErrorLocation } from '../errors.ts';

// Plain decimal notation only: Number() would also accept '', '0x1f', '0b1' and 'Infinity', none of which belong in a data file.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/** Parses one CSV cell as a finite number; throws DataError naming the cell for text or NaN/±Infinity. */
export function parseNumberCell(text: string, at: DataErrorLocation): number {
  if (NON_FINITE.test(text)) throw new DataError(at, `value "${text}" is not finite; cells must be finite numbers`);
  if (!DECIMAL.test(text)) {
    throw new DataError(at, text === '' ? 'cell is empty; expected a number' : `cell "${text}" is not a number`);
  }
  const value = Number(text);
  if (!Number.isFinite(value)) throw new DataError(at, `value "${text}" overflows to ${value}; cells must be finite numbers`);
  return value;
}

/** Parses one CSV cell as a class label: an integer ≥ 0 (below `classes` when given). Throws DataError naming the cell. */
export function parseLabelCell(text: string, at: DataErrorLocation, classes?: number): number {
  const value = parseNumberCell(text, at);
  if (!Number.isInteger(value) || value < 0) {
    throw new DataError(at, `class label "${text}" must be an integer ≥ 0`);
  }
  if (classes !== undefined && value >= classes) {
    throw new DataError(at, `class label ${value} is out of range for ${classes} classes (0…${classes - 1})`);
  }
  return value;
}
