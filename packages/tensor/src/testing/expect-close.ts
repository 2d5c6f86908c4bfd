import { formatShape, shapesEqual } from '../shape.ts';
import type { Tensor } from '../tensor.ts';

/** Options for expectClose. */
export interface CloseOptions {
  /** @defaultValue 1e-5 */ readonly rtol?: number;
  /** @defaultValue 1e-6 */ readonly atol?: number;
}

/** Throws (naming the first differing index) unless |a − b| ≤ atol + rtol·|b| elementwise. Shapes must match. */
export function expectClose(actual: Tensor | ArrayLike<number>, expected: Tensor | ArrayLike<number>, options: CloseOptions = {}): void {
  const { rtol = 1e-5, atol = 1e-6 } = options;
  const a = 'data' in actual ? actual.data : actual;
  const b = 'data' in expected ? expected.data : expected;
  if ('shape' in actual && 'shape' in expected && !shapesEqual(actual.shape, expected.shape)) {
    throw new Error(`expectClose: shapes ${formatShape(actual.shape)} and ${formatShape(expected.shape)} differ`);
  }
  if (a.length !== b.length) throw new Error(`expectClose: lengths ${a.length} and ${b.length} differ`);
  for (let i = 0; i < a.length; i++) {
    const ok = Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i]) || (Number.isNaN(a[i]) && Number.isNaN(b[i]));
    if (!ok) throw new Error(`expectClose: index ${i}: ${a[i]} vs expected ${b[i]} (rtol ${rtol}, atol ${atol})`);
  }
}
