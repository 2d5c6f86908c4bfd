import type { SavedModel } from '../files/model-file.ts';
import { ModelFileError } from '../files/model-file-error.ts';

/** A saved normalization as one affine map per feature: x′ = (x − offset_j) / scale_j. */
export interface InputScaling {
  /** The scaler kind it came from (`standardize`: mean and std; `minMax`: min and max − min). */
  readonly kind: 'standardize' | 'minMax';
  readonly offset: readonly number[];
  /** Never 0: a zero spread divides by 1, as applyScaler does. */
  readonly scale: readonly number[];
}

const numbers = (value: unknown, n: number): readonly number[] | undefined =>
  Array.isArray(value) && value.length === n && value.every((v) => typeof v === 'number' && Number.isFinite(v)) ? value : undefined;

/**
 * The saved model's normalization (the data package's Scaler JSON) as offset and scale per feature, in float64,
 * computed as applyScalerInPlace does (max − min in float64, a zero spread replaced by 1); undefined without one.
 * Throws ModelFileError naming `source` for an unknown kind or lists that do not hold one finite number per input.
 */
export function inputScaling(saved: SavedModel, source: string): InputScaling | undefined {
  const scaler = saved.normalization;
  if (scaler === undefined) return undefined;
  const n = saved.spec.inputs;
  const field = (key: string): readonly number[] => {
    const list = numbers(scaler[key], n);
    if (list === undefined) throw new ModelFileError(source, `normalization.${key} must list ${n} finite numbers (one per input)`);
    return list;
  };
  const nonZero = (spread: number): number => (spread === 0 ? 1 : spread);
  if (scaler.kind === 'standardize') {
    return { kind: 'standardize', offset: field('mean'), scale: field('std').map(nonZero) };
  }
  if (scaler.kind === 'minMax') {
    const [min, max] = [field('min'), field('max')];
    return { kind: 'minMax', offset: min, scale: max.map((m, j) => nonZero(m - min[j])) };
  }
  throw new ModelFileError(source, `normalization kind ${JSON.stringify(scaler.kind)} cannot be exported (expected "standardize" or "minMax")`);
}

/** The scaling as one line of plain text, for metadata and generated comments. */
export function describeScaling(scaling: InputScaling): string {
  return scaling.kind === 'standardize'
    ? 'x′ = (x − mean) / std per feature (std 0 → 1)'
    : 'x′ = (x − min) / (max − min) per feature (a zero range → 1)';
}
