import { DataError, type DataErrorLocation } from '../errors.ts';
import { DECIMAL } from '../decimal.ts';
import { excerpt } from '../text-excerpt.ts';

const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/** Parses one CSV cell as a number finite in float32; throws DataError naming the cell for text, NaN/±Infinity or overflow. */
export function parseNumberCell(text: string, at: DataErrorLocation): number {
  if (NON_FINITE.test(text)) throw new DataError(at, `value "${text}" is not finite; cells must be finite numbers`);
  if (!DECIMAL.test(text)) {
    throw new DataError(at, text === '' ? 'cell is empty; expected a number' : `cell "${excerpt(text)}" is not a number`);
  }
  const value = Number(text);
  // Data is stored as float32: a double beyond ±3.4028235e38 would become ±Infinity there.
  if (!Number.isFinite(Math.fround(value))) {
    throw new DataError(at, `value "${excerpt(text)}" overflows float32 (beyond ±3.4e38); cells must be finite numbers`);
  }
  return value;
}

/** The bound a class label must stay below. */
export interface LabelBound {
  /** The known class count, when given: labels must be below it. */
  readonly classes?: number | undefined;
  /** Otherwise labels must be below this limit (it bounds the one-hot width a single cell can demand). */
  readonly maxClasses: number;
}

/**
 * Parses one CSV cell as a class label: an integer in 0…classes−1, or in 0…maxClasses−1 when the class count is
 * not given. Throws DataError naming the cell, at once, so a stray `3000000000` never sizes a one-hot matrix.
 */
export function parseLabelCell(text: string, at: DataErrorLocation, bound: LabelBound): number {
  const value = parseNumberCell(text, at);
  if (!Number.isInteger(value) || value < 0) {
    throw new DataError(at, `class label "${excerpt(text)}" must be an integer ≥ 0`);
  }
  if (bound.classes !== undefined && value >= bound.classes) {
    throw new DataError(at, `class label ${value} is out of range for ${bound.classes} classes (0…${bound.classes - 1})`);
  }
  if (value >= bound.maxClasses) {
    throw new DataError(at, `class label ${value} is over the limit of ${bound.maxClasses} classes (labels are 0…${bound.maxClasses - 1}; raise maxClasses for more)`);
  }
  return value;
}

/** Parses one CSV cell as a per-row loss weight: a finite number ≥ 0. Throws DataError naming the cell otherwise. */
export function parseWeightCell(text: string, at: DataErrorLocation): number {
  const value = parseNumberCell(text, at);
  if (value < 0) throw new DataError(at, `sample weight ${excerpt(text)} is negative; weights must be finite numbers ≥ 0`);
  return value;
}
