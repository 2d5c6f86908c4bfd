import { excerpt } from './text-excerpt.ts';

/**
 * Plain decimal notation: `3`, `-1.5`, `.5`, `2e-3`. Number() would also take '', ' 3', '0x1f', '0b1' and
 * 'Infinity', none of which belong in a data file or a numeric flag.
 */
export const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** What a strictly parsed number must be. */
export interface NumberRange {
  /** A safe integer (so `1e20` is refused, not rounded). @defaultValue false */
  readonly integer?: boolean;
  /** Smallest allowed value. */
  readonly min?: number;
  /** Largest allowed value. */
  readonly max?: number;
  /** The value must be greater than this (an open lower bound, e.g. 0 for a learning rate). */
  readonly above?: number;
}

/** The range in words: `an integer in 0…4294967295`, `a number > 0`, `an integer ≥ 1`. */
export function describeRange(range: NumberRange): string {
  const kind = range.integer ? 'an integer' : 'a number';
  if (range.min !== undefined && range.max !== undefined) return `${kind} in ${range.min}…${range.max}`;
  if (range.above !== undefined) return `${kind} > ${range.above}`;
  if (range.min !== undefined) return `${kind} ≥ ${range.min}`;
  if (range.max !== undefined) return `${kind} ≤ ${range.max}`;
  return kind;
}

/**
 * Parses `text` strictly: plain decimal notation only (no hex, binary, blanks or Infinity), finite, and within
 * `range`. Throws a RangeError `expected <range>, got "<text>"` (the text cut and cleaned by `excerpt`).
 */
export function parseDecimal(text: string, range: NumberRange = {}): number {
  const value = DECIMAL.test(text) ? Number(text) : NaN;
  const fits = Number.isFinite(value)
    && (!range.integer || Number.isSafeInteger(value))
    && (range.min === undefined || value >= range.min)
    && (range.max === undefined || value <= range.max)
    && (range.above === undefined || value > range.above);
  if (!fits) throw new RangeError(`expected ${describeRange(range)}, got "${excerpt(text, 40)}"`);
  return value;
}
