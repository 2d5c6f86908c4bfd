import type { Dataset } from '../dataset.ts';
import type { MinMaxScaler, Standardizer } from './scaler.ts';

/**
 * Fits per-feature mean and (population) standard deviation: mean_j = Σᵢ x_ij / n, std_j = √(Σᵢ (x_ij − mean_j)² / n).
 * A constant feature gets std 1, so applying the scaler leaves it centred at 0 rather than dividing by 0.
 * Fit on the training part only and apply the result to every part; fitting on all rows leaks test statistics.
 * Accumulates in float64. Throws RangeError on an empty dataset.
 */
export function fitStandardizer(ds: Dataset): Standardizer {
  assertNonEmpty(ds, 'fitStandardizer');
  const mean = columnReduce(ds, (sum, v) => sum + v, 0).map((sum) => sum / ds.length);
  // Two-pass variance: the one-pass E[x²] − E[x]² cancels catastrophically for large offsets.
  const squares = columnReduce(ds, (sum, v, j) => sum + (v - mean[j]) ** 2, 0);
  // Constancy is tested exactly (min = max): float rounding in the mean can leave a tiny nonzero std otherwise.
  const { min, max } = fitMinMax(ds);
  const std = squares.map((s, j) => (min[j] === max[j] ? 1 : Math.sqrt(s / ds.length)));
  return { kind: 'standardize', mean, std };
}

/**
 * Fits per-feature minimum and maximum, for x′ = (x − min) / (max − min) ∈ [0, 1] on the fitted rows.
 * Fit on the training part only. Throws RangeError on an empty dataset.
 */
export function fitMinMax(ds: Dataset): MinMaxScaler {
  assertNonEmpty(ds, 'fitMinMax');
  return {
    kind: 'minMax',
    min: columnReduce(ds, (m, v) => Math.min(m, v), Infinity),
    max: columnReduce(ds, (m, v) => Math.max(m, v), -Infinity),
  };
}

function columnReduce(ds: Dataset, f: (acc: number, value: number, j: number) => number, initial: number): number[] {
  const acc = new Array<number>(ds.features).fill(initial);
  for (let i = 0; i < ds.length; i++) {
    for (let j = 0; j < ds.features; j++) acc[j] = f(acc[j], ds.x[i * ds.features + j], j);
  }
  return acc;
}

function assertNonEmpty(ds: Dataset, what: string): void {
  if (ds.length === 0) throw new RangeError(`${what}: ${ds.name} has no rows to fit on`);
}
