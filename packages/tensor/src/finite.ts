import type { FloatArray } from './dtype.ts';

/** Thrown when data that must be finite holds NaN or ±Infinity; names what and where. */
export class NonFiniteError extends Error {
  override readonly name = 'NonFiniteError';
  /** Flat index of the first offending element. */
  readonly index: number;
  readonly value: number;
  constructor(what: string, index: number, value: number, cols?: number) {
    const where = cols ? `row ${Math.floor(index / cols)}, column ${index % cols}` : `index ${index}`;
    super(`${what} holds ${value} at ${where}; inputs must be finite numbers`);
    this.index = index;
    this.value = value;
  }
}

/** Throws NonFiniteError at the first NaN or ±Infinity in `data` (rows of `cols` values, if given). */
export function assertFinite(data: FloatArray | ArrayLike<number>, what: string, cols?: number): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new NonFiniteError(what, i, data[i], cols);
  }
}
