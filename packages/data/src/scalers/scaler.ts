import { ShapeError } from '@clearprop/tensor';
import type { Dataset } from '../dataset.ts';
import { withArrays } from '../subset.ts';

/** Per-feature standardization parameters: x′ = (x − mean) / std. Plain JSON; save it with the model. */
export interface Standardizer {
  readonly kind: 'standardize';
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/** Per-feature min–max parameters: x′ = (x − min) / (max − min), mapping the fitted range to [0, 1]. Plain JSON. */
export interface MinMaxScaler {
  readonly kind: 'minMax';
  readonly min: readonly number[];
  readonly max: readonly number[];
}

/** A fitted feature scaler (discriminated on `kind`). */
export type Scaler = Standardizer | MinMaxScaler;

/**
 * Scales the features of `rows` rows of `x` [rows, cols] in place (targets are untouched). Allocation-free.
 * Standardize: x′ = (x − mean_j) / std_j. MinMax: x′ = (x − min_j) / (max_j − min_j).
 * A zero std or range (a constant feature, or a hand-edited JSON) divides by 1 instead, so the output stays finite.
 * Throws ShapeError if the scaler has a different number of features or x holds fewer than rows·cols values.
 */
export function applyScalerInPlace(scaler: Scaler, x: Float32Array, rows: number, cols: number): void {
  const width = scaler.kind === 'standardize' ? scaler.mean.length : scaler.min.length;
  if (width !== cols || x.length < rows * cols) {
    throw new ShapeError(`applyScaler: scaler for ${width} features applied to [${rows}, ${cols}] (${x.length} values)`, [width], [rows, cols]);
  }
  const offset = scaler.kind === 'standardize' ? scaler.mean : scaler.min;
  for (let j = 0; j < cols; j++) {
    const spread = scaler.kind === 'standardize' ? scaler.std[j] : scaler.max[j] - scaler.min[j];
    const scale = spread === 0 ? 1 : spread;
    for (let i = 0; i < rows; i++) x[i * cols + j] = (x[i * cols + j] - offset[j]) / scale;
  }
}

/** A new dataset with scaled features and the same targets (shared, not copied). Shapes: x [n, f] → [n, f]. */
export function applyScaler(scaler: Scaler, ds: Dataset): Dataset {
  const x = ds.x.slice();
  applyScalerInPlace(scaler, x, ds.length, ds.features);
  return withArrays(ds, x, ds.y);
}
