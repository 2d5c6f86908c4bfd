import { assertFinite, fromData, ShapeError, type Tensor } from '@clearprop/tensor';

/** What the targets mean: real values to regress, or one-hot class membership. */
export type Task = 'regression' | 'classification';

/**
 * A table of examples: features X [length, features] and targets Y [length, targets], both contiguous,
 * row-major Float32Array, plus the metadata a trainer or a UI needs. Plain data, treated as immutable:
 * every function here returns a new Dataset (possibly sharing unchanged arrays) and never writes to one.
 * For classification, Y is one-hot and `targets === classes`, except binary classification in one column:
 * `targets === 1`, `classes === 2` and Y holds the 0/1 label (what one sigmoid unit predicts).
 */
export interface Dataset {
  /** Short name for logs and dashboards (e.g. 'iris'). */
  readonly name: string;
  readonly task: Task;
  /** Number of rows (examples). */
  readonly length: number;
  /** Columns of X. */
  readonly features: number;
  /** Columns of Y. */
  readonly targets: number;
  /** X [length, features]: x[i·features + j] is feature j of row i. */
  readonly x: Float32Array;
  /** Y [length, targets]: y[i·targets + k]. */
  readonly y: Float32Array;
  /** Per-row loss weights [length] (sample × class weights), finite and ≥ 0; absent means every row weighs 1. */
  readonly weights?: Float32Array;
  /** One name per feature column. */
  readonly featureNames: readonly string[];
  /** Source target columns: one per Y column for regression; the single label column for classification. */
  readonly targetNames: readonly string[];
  /** Number of classes (= targets) for classification; 0 for regression. */
  readonly classes: number;
  /** Names of classes 0…classes−1 (the Y columns) for classification; empty for regression. */
  readonly classLabels: readonly string[];
}

/** A group of rows as matrices. Shapes: x [batchSize, features], y [batchSize, targets]. */
export interface Batch {
  readonly x: Tensor;
  readonly y: Tensor;
}

/** Descriptive fields of a dataset; all optional with sensible defaults. */
export interface DatasetMeta {
  /** @defaultValue 'dataset' */
  readonly name?: string;
  /** @defaultValue 'regression' */
  readonly task?: Task;
  /** @defaultValue ['x0', 'x1', …] */
  readonly featureNames?: readonly string[];
  /** @defaultValue ['y0', 'y1', …] for regression, ['label'] for classification */
  readonly targetNames?: readonly string[];
  /** @defaultValue ['0', '1', …] for classification */
  readonly classLabels?: readonly string[];
}

/** Names the per-row weights of a dataset: they must be finite and ≥ 0. */
export class WeightError extends RangeError {
  override readonly name = 'WeightError';
}

/** Flat arrays and their column counts, plus metadata: the input of `dataset()`. */
export interface DatasetSpec extends DatasetMeta {
  /** Row-major [length, features]; a Float32Array is adopted without copying. */
  readonly x: ArrayLike<number>;
  /** Row-major [length, targets]; one-hot rows for classification. */
  readonly y: ArrayLike<number>;
  readonly features: number;
  readonly targets: number;
  /** Classification: 2 with `targets: 1` for binary labels in one column. @defaultValue targets */
  readonly classes?: number;
  /** Per-row loss weights [length], finite and ≥ 0. @defaultValue none (every row weighs 1) */
  readonly weights?: ArrayLike<number>;
}

/**
 * Builds and validates a Dataset from flat row-major arrays.
 * Throws ShapeError if the arrays do not fill [length, features] / [length, targets] for one length,
 * NonFiniteError on NaN/±Infinity, RangeError if a classification row of Y is not one-hot (or, binary, not 0/1),
 * WeightError for weights that are negative, not finite or not one per row.
 */
export function dataset(spec: DatasetSpec): Dataset {
  const { features, targets } = spec;
  if (!Number.isInteger(features) || features < 0 || !Number.isInteger(targets) || targets < 1) {
    throw new RangeError(`dataset: need features ≥ 0 and targets ≥ 1 (integers), got ${features} and ${targets}`);
  }
  const length = spec.y.length / targets;
  if (!Number.isInteger(length) || spec.x.length !== length * features) {
    throw new ShapeError(
      `dataset: x has ${spec.x.length} values and y ${spec.y.length}; they do not fill [n, ${features}] and [n, ${targets}] for one n`,
      [spec.x.length],
      [spec.y.length],
    );
  }
  const x = toFloat32(spec.x);
  const y = toFloat32(spec.y);
  const name = spec.name ?? 'dataset';
  assertFinite(x, `${name} features`, features);
  assertFinite(y, `${name} targets`, targets);
  const task = spec.task ?? 'regression';
  const classification = task === 'classification';
  const classes = classification ? spec.classes ?? targets : 0;
  const binary = classification && targets === 1 && classes === 2;
  if (classification && !binary && classes !== targets) throw new RangeError(`dataset: ${classes} classes need ${classes} one-hot target columns (or 1 column of 0/1 labels for 2), got ${targets}`);
  if (binary) assertBinary(y, name);
  else if (classification) assertOneHot(y, targets, name);
  const weights = spec.weights === undefined ? undefined : checkedWeights(spec.weights, length, name);
  const featureNames = names(spec.featureNames, features, 'x', 'featureNames');
  const targetNames = spec.targetNames ? [...spec.targetNames] : classification ? ['label'] : numbered('y', targets);
  if (!classification && targetNames.length !== targets) {
    throw new RangeError(`dataset: ${targetNames.length} targetNames for ${targets} target columns`);
  }
  const classLabels = classification ? names(spec.classLabels, classes, '', 'classLabels') : [];
  return { name, task, length, features, targets, x, y, ...(weights ? { weights } : {}), featureNames, targetNames, classes, classLabels };
}

/** Builds a Dataset from arrays of rows (convenient for small fixtures). Shapes: x [n][features], y [n][targets]. */
export function fromArrays(
  x: readonly (readonly number[])[],
  y: readonly (readonly number[])[],
  meta: DatasetMeta = {},
): Dataset {
  if (x.length !== y.length) throw new ShapeError(`fromArrays: ${x.length} x rows but ${y.length} y rows`, [x.length], [y.length]);
  const features = x.length > 0 ? x[0].length : (meta.featureNames?.length ?? 0);
  const targets = y.length > 0 ? y[0].length : (meta.classLabels?.length ?? meta.targetNames?.length ?? 1);
  return dataset({ ...meta, x: flatten(x, features, 'x'), y: flatten(y, targets, 'y'), features, targets });
}

/** Throws ShapeError unless `b` has the same columns, task and classes as `a` (e.g. a validation file vs a train file). */
export function assertCompatible(a: Dataset, b: Dataset): void {
  const sig = (d: Dataset): string => `${d.task} [n, ${d.features}] → [n, ${d.targets}]`;
  if (a.task !== b.task || a.features !== b.features || a.targets !== b.targets) {
    throw new ShapeError(`${a.name} is ${sig(a)} but ${b.name} is ${sig(b)}`, [a.length, a.features], [b.length, b.features]);
  }
}

/** The whole dataset as one Batch, aliasing its arrays (no copy; do not mutate). Shapes: x [length, features], y [length, targets]. */
export function fullBatch(ds: Dataset): Batch {
  return { x: fromData(ds.x, [ds.length, ds.features]), y: fromData(ds.y, [ds.length, ds.targets]) };
}

function toFloat32(values: ArrayLike<number>): Float32Array {
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

function flatten(rows: readonly (readonly number[])[], cols: number, what: string): Float32Array {
  const out = new Float32Array(rows.length * cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) throw new ShapeError(`fromArrays: ${what} row ${i} has ${row.length} values, row 0 has ${cols}`, [rows.length, cols]);
    out.set(row, i * cols);
  });
  return out;
}

function numbered(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}

function names(given: readonly string[] | undefined, count: number, prefix: string, what: string): string[] {
  if (given === undefined) return numbered(prefix, count);
  if (given.length !== count) throw new RangeError(`dataset: ${given.length} ${what} for ${count} columns`);
  return [...given];
}

function assertBinary(y: Float32Array, name: string): void {
  const row = y.findIndex((v) => v !== 0 && v !== 1);
  if (row >= 0) throw new RangeError(`${name}: binary classification target row ${row} is ${y[row]}, not 0 or 1`);
}

function checkedWeights(values: ArrayLike<number>, length: number, name: string): Float32Array {
  if (values.length !== length) throw new WeightError(`${name}: ${values.length} weights for ${length} rows`);
  const weights = toFloat32(values);
  const row = weights.findIndex((w) => !Number.isFinite(w) || w < 0);
  if (row >= 0) throw new WeightError(`${name}: the weight of row ${row} is ${weights[row]}; weights must be finite numbers ≥ 0`);
  return weights;
}

function assertOneHot(y: Float32Array, classes: number, name: string): void {
  for (let i = 0; i < y.length / classes; i++) {
    let ones = 0;
    for (let k = 0; k < classes; k++) {
      const v = y[i * classes + k];
      if (v === 1) ones++;
      else if (v !== 0) ones = 2;
    }
    if (ones !== 1) {
      const row = `[${Array.from(y.subarray(i * classes, (i + 1) * classes)).join(', ')}]`;
      throw new RangeError(`${name}: classification target row ${i} is ${row}, not one-hot`);
    }
  }
}
