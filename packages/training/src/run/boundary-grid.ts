import { applyScalerInPlace, type Dataset, type Scaler } from '@clearprop/data';
import { resolveActivation, resolveLoss, type Activation, type Model } from '@clearprop/nn';
import type { BoundaryPoints } from '../events.ts';
import type { TrainSpec } from '../spec.ts';
import { TrainSpecError } from './setup.ts';

/** Size of the boundary grid in cells. */
export interface BoundaryGridSize {
  readonly width: number;
  readonly height: number;
}

/** How fine a boundary grid is. */
export interface BoundaryGridOptions {
  /** @defaultValue DEFAULT_BOUNDARY_GRID */
  readonly size?: BoundaryGridSize;
  /** Hidden-unit values per event at most. @defaultValue MAX_HIDDEN_VALUES */
  readonly maxHiddenValues?: number;
}

/** The boundary grid's default size: 64 columns along the first feature, 32 rows along the second. */
export const DEFAULT_BOUNDARY_GRID: BoundaryGridSize = { width: 64, height: 32 };
/** Boundary snapshots are emitted for at most this many classes (the colours a map can tell apart). */
export const MAX_BOUNDARY_CLASSES = 10;
/**
 * Hidden-unit values per boundary event at most (the events go into the live log about 100 times a run): the
 * neuron grid is coarsened, then units left out, to stay under it. 2-16-16-2 (moons) gets 16×8 maps.
 */
export const MAX_HIDDEN_VALUES = 8192;
/** Points per split drawn over the map at most (evenly spaced over the rows). */
export const MAX_BOUNDARY_POINTS = { train: 500, validation: 250 } as const;
/** The grid spans the data's range plus this fraction of it on every side. */
export const BOUNDARY_MARGIN = 0.1;

/**
 * What a run computes once for its boundary snapshots: the axes in original units, the grid as model inputs
 * (scaled like the training data), the neuron subgrid, the sampled points and how outputs become probabilities.
 */
export interface BoundaryGrid {
  readonly features: readonly [string, string];
  readonly labels: readonly string[];
  readonly classes: number;
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** The grid as model inputs, row-major [height·width, 2] (cell i·width + j is (x[j], y[i]), scaled). */
  readonly inputs: Float32Array;
  /** Grid cell indices of the neuron subgrid, row-major [hiddenY.length, hiddenX.length]. */
  readonly hiddenCells: Int32Array;
  readonly hiddenX: readonly number[];
  readonly hiddenY: readonly number[];
  /** Units of each hidden layer carried in the event (the first ones). */
  readonly shown: readonly number[];
  /** Applied to the output rows to get probabilities: none (softmax/sigmoid outputs), or the loss's own activation on logits. */
  readonly toProbabilities: Activation | null;
  readonly points: { readonly train: BoundaryPoints; readonly validation: BoundaryPoints };
}

/**
 * The boundary grid of a run, or null when it gets no boundary snapshots: only classification on exactly 2 input
 * features with at most MAX_BOUNDARY_CLASSES classes (a 5-feature run has no plane to draw on).
 * Throws TrainSpecError for a grid size that is not an integer in 2…512.
 */
export function boundaryGrid(spec: TrainSpec, model: Model, options: BoundaryGridOptions = {}): BoundaryGrid | null {
  const size = options.size ?? DEFAULT_BOUNDARY_GRID;
  for (const [name, n] of [['width', size.width], ['height', size.height]] as const) {
    if (!Number.isInteger(n) || n < 2 || n > 512) throw new TrainSpecError(`boundaryGrid.${name} must be an integer in 2…512, got ${n}`);
  }
  const classes = Math.max(model.outputs, 2);
  if (spec.train.task !== 'classification' || model.inputs !== 2 || classes > MAX_BOUNDARY_CLASSES) return null;
  const parts = [spec.train, ...(spec.validation ? [spec.validation] : [])];
  const x = axis(parts, 0, size.width, spec.normalization);
  const y = axis(parts, 1, size.height, spec.normalization);
  const inputs = new Float32Array(size.width * size.height * 2);
  for (let i = 0; i < size.height; i++) {
    for (let j = 0; j < size.width; j++) inputs.set([x[j], y[i]], (i * size.width + j) * 2);
  }
  if (spec.normalization) applyScalerInPlace(spec.normalization, inputs, size.width * size.height, 2);
  const hidden = neuronGrid(model, size, options.maxHiddenValues ?? MAX_HIDDEN_VALUES);
  const names = spec.train.featureNames;
  const labels = spec.train.classLabels.length === classes ? [...spec.train.classLabels] : Array.from({ length: classes }, (_, k) => String(k));
  return {
    features: [names[0] ?? 'x0', names[1] ?? 'x1'], labels, classes, x, y, inputs, hiddenCells: hidden.cells,
    hiddenX: hidden.columns.map((j) => x[j]), hiddenY: hidden.rows.map((i) => y[i]), shown: hidden.shown,
    toProbabilities: probabilityActivation(spec, model),
    points: {
      train: pointsOf(spec.train, MAX_BOUNDARY_POINTS.train, { scaler: spec.normalization, x, y }),
      validation: spec.validation ? pointsOf(spec.validation, MAX_BOUNDARY_POINTS.validation, { scaler: spec.normalization, x, y }) : { x: [], y: [], label: [] },
    },
  };
}

/** Feature `j` of a scaled value back in original units: x = x′·spread + offset (a zero spread was divided by 1). */
export function unscale(scaler: Scaler | undefined, value: number, j: number): number {
  if (!scaler) return value;
  const [offset, spread] = scaler.kind === 'standardize' ? [scaler.mean[j], scaler.std[j]] : [scaler.min[j], scaler.max[j] - scaler.min[j]];
  return value * (spread === 0 ? 1 : spread) + offset;
}

/** `n` cell centres over the range of feature `j` in `parts` (original units) widened by BOUNDARY_MARGIN on each side. */
function axis(parts: readonly Dataset[], j: number, n: number, scaler: Scaler | undefined): number[] {
  let low = Infinity;
  let high = -Infinity;
  for (const d of parts) {
    for (let r = 0; r < d.length; r++) {
      const v = unscale(scaler, d.x[r * d.features + j], j);
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  const pad = high > low ? (high - low) * BOUNDARY_MARGIN : 0.5;
  const [from, to] = [low - pad, high + pad];
  return Array.from({ length: n }, (_, k) => from + ((k + 0.5) * (to - from)) / n);
}

// The neuron subgrid: every s-th point of the grid (s a power of 2, offset to centre it), coarsened while the
// hidden units would need more than `budget` values and the subgrid stays at least 8×4; then the units that
// still do not fit are left out, from the last layer back.
function neuronGrid(model: Model, size: BoundaryGridSize, budget: number): { cells: Int32Array; columns: number[]; rows: number[]; shown: number[] } {
  const hiddenUnits = model.widths.slice(1, -1);
  const total = hiddenUnits.reduce((a, b) => a + b, 0);
  const pick = (n: number, s: number) => Array.from({ length: Math.ceil((n - Math.floor(s / 2)) / s) }, (_, k) => k * s + Math.floor(s / 2));
  let s = 1;
  const count = (stride: number) => pick(size.width, stride).length * pick(size.height, stride).length;
  while (total * count(s) > budget && pick(size.width, 2 * s).length >= 8 && pick(size.height, 2 * s).length >= 4) s *= 2;
  const columns = pick(size.width, s);
  const rows = pick(size.height, s);
  const cells = Int32Array.from(rows.flatMap((i) => columns.map((j) => i * size.width + j)));
  let left = Math.floor(budget / cells.length);
  const shown = hiddenUnits.map((units) => {
    const n = Math.min(units, left);
    left -= n;
    return n;
  });
  return { cells, columns, rows, shown };
}

// Outputs that are already probabilities (softmax, or a sigmoid unit) are used as they are; a loss that reads
// the output as logits (identity + softmaxCrossEntropy) gets its own activation applied, as it does in training.
function probabilityActivation(spec: TrainSpec, model: Model): Activation | null {
  const last = model.activations[model.activations.length - 1];
  const fromLogits = resolveLoss(spec.loss).fromLogitsOf;
  return fromLogits !== undefined && last.name !== fromLogits ? resolveActivation(fromLogits) : null;
}

/**
 * At most `max` rows evenly spaced over `data`, in original units, with their class index; coordinates rounded to
 * 1/10000 of the power of ten of their axis's span (short in JSON; float noise from unscaling goes too).
 */
function pointsOf(data: Dataset, max: number, axes: { readonly scaler: Scaler | undefined; readonly x: readonly number[]; readonly y: readonly number[] }): BoundaryPoints {
  const stride = Math.max(1, Math.ceil(data.length / max));
  const [stepX, stepY] = [axes.x, axes.y].map((a) => Math.floor(Math.log10(a[a.length - 1] - a[0])) - 4);
  const out = { x: [] as number[], y: [] as number[], label: [] as number[] };
  for (let r = 0; r < data.length; r += stride) {
    out.x.push(roundToPower(unscale(axes.scaler, data.x[r * data.features], 0), stepX));
    out.y.push(roundToPower(unscale(axes.scaler, data.x[r * data.features + 1], 1), stepY));
    out.label.push(classOf(data.y, r * data.targets, data.targets));
  }
  return out;
}

function classOf(y: Float32Array, offset: number, targets: number): number {
  if (targets === 1) return y[offset] > 0.5 ? 1 : 0;
  let best = 0;
  for (let k = 1; k < targets; k++) if (y[offset + k] > y[offset + best]) best = k;
  return best;
}

/**
 * `v` rounded to a multiple of 10^power, computed so the result is the double nearest the decimal (a power of ten
 * divides exactly only as 10^k with k ≥ 0), and never −0.
 */
export function roundToPower(v: number, power: number): number {
  const rounded = power < 0 ? Math.round(v * 10 ** -power) / 10 ** -power : Math.round(v / 10 ** power) * 10 ** power;
  return rounded + 0;
}
