import { dataset, type Dataset } from '../dataset.ts';

/** Where to sample: `step` gives the half-open grid [from, to); `count` gives `count` evenly spaced points including both ends. */
export type SampleFunctionOptions = {
  readonly from: number;
  readonly to: number;
  /** @defaultValue 'function' */
  readonly name?: string;
} & ({ readonly step: number; readonly count?: never } | { readonly count: number; readonly step?: never });

/**
 * Samples y = f(x) on a 1-D grid into a regression dataset. Shapes: x [n, 1], y [n, 1].
 * With step: x_i = from + step·i for every i ≥ 0 with x_i < to (computed from i, so no drift accumulates).
 * With count: x_i = from + (to − from)·i/(count − 1), i = 0…count−1.
 * f is evaluated in float64 on the exact x_i; both are then stored as float32.
 */
export function sampleFunction(f: (x: number) => number, options: SampleFunctionOptions): Dataset {
  const { from, to } = options;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) {
    throw new RangeError(`sampleFunction: need finite from ≤ to, got ${from} and ${to}`);
  }
  const xs = options.step !== undefined ? stepGrid(from, to, options.step) : countGrid(from, to, options.count);
  return dataset({
    name: options.name ?? 'function',
    x: xs,
    y: xs.map(f),
    features: 1,
    targets: 1,
    featureNames: ['x'],
    targetNames: ['y'],
  });
}

function stepGrid(from: number, to: number, step: number): number[] {
  if (!(step > 0) || !Number.isFinite(step)) throw new RangeError(`sampleFunction: step must be finite and > 0, got ${step}`);
  // Start from the exact quotient, then nudge: (to − from)/step can be off by one ulp either way.
  let n = Math.ceil((to - from) / step);
  while (n > 0 && from + step * (n - 1) >= to) n--;
  while (from + step * n < to) n++;
  return Array.from({ length: n }, (_, i) => from + step * i);
}

function countGrid(from: number, to: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`sampleFunction: count must be an integer ≥ 1, got ${count}`);
  if (count === 1) return [from];
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}
