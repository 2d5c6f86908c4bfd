/** A tensor shape: sizes of each axis, outermost first (row-major). */
export type Shape = readonly number[];

/** Thrown when operand shapes do not fit together; the message names every shape involved. */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
  readonly shapes: readonly Shape[];
  constructor(message: string, ...shapes: readonly Shape[]) {
    super(message);
    this.shapes = shapes;
  }
}

/** Formats a shape the way errors print it: `[2, 3]`. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Number of elements in a tensor of this shape (1 for a scalar `[]`). */
export function size(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Throws ShapeError unless every axis is a non-negative integer. */
export function assertValidShape(shape: Shape, what = 'shape'): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ShapeError(`${what} ${formatShape(shape)} has a non-integer or negative axis`, shape);
    }
  }
}

/** True when two shapes have the same rank and sizes. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Throws ShapeError naming both shapes unless they are equal. */
export function assertSameShape(a: Shape, b: Shape, what: string): void {
  if (!shapesEqual(a, b)) {
    throw new ShapeError(`${what}: shapes ${formatShape(a)} and ${formatShape(b)} differ`, a, b);
  }
}

/** Throws ShapeError unless `shape` has rank 2; returns `[rows, cols]`. */
export function assertMatrix(shape: Shape, what: string): readonly [number, number] {
  if (shape.length !== 2) {
    throw new ShapeError(`${what}: expected a matrix [rows, cols], got ${formatShape(shape)}`, shape);
  }
  return [shape[0], shape[1]];
}
