import type { Dataset } from '@clearprop/data';
import { forwardInto } from '@clearprop/nn';
import type { TrainingEvent, UnitHistogramLayer } from '../events.ts';
import type { BoundaryModel } from './boundary.ts';
import { thinnedSnapshotDue } from './snapshot-cadence.ts';

/** Bins per unit histogram. */
export const HISTOGRAM_BINS = 16;
/** Rows the histograms are counted on at most (the first ones of the split): one forward pass of the evaluation workspace. */
export const MAX_HISTOGRAM_ROWS = 128;
/**
 * Histogram events per run at most (every k-th snapshot, and the last): they cost a forward pass each, which on a
 * tiny net (the W1 benchmark) would otherwise be a tenth of the whole run.
 */
export const MAX_HISTOGRAM_EVENTS = 25;

/** Whether the snapshot after epoch `epoch` (1-based) carries histograms: every k-th snapshot so at most MAX_HISTOGRAM_EVENTS a run, and the last. */
export function histogramsDue(epoch: number, epochs: number, snapshotEvery: number, last: boolean): boolean {
  return thinnedSnapshotDue(epoch, epochs, snapshotEvery, last, MAX_HISTOGRAM_EVENTS);
}
/** Units per event at most, over all hidden layers (the first ones, layer by layer). */
export const MAX_HISTOGRAM_UNITS = 256;
/** A saturating unit counts as saturated when at least this share of the rows is past its saturation thresholds. */
export const SATURATED_SHARE = 0.9;

interface LayerTally {
  low: number;
  high: number;
  readonly counts: number[];
  readonly alive: Uint8Array;
  readonly saturatedRows: Int32Array;
}

/**
 * Per-unit activation histograms of every hidden layer over the first MAX_HISTOGRAM_ROWS rows of `data` after
 * epoch `epoch`, with dead units (ReLU family: z ≤ 0 on every row) and saturated ones (sigmoid/tanh: past the
 * saturation thresholds on ≥ 90% of the rows) listed. One forward pass through `run.ws` (of at least that capacity,
 * as the run's evaluation workspace is), so a snapshot costs a small fraction of an epoch.
 * Null for a model without hidden layers or an empty split.
 */
export function unitActivationsEvent(data: Dataset, split: 'train' | 'validation', run: BoundaryModel, epoch: number): Extract<TrainingEvent, { type: 'unitActivations' }> | null {
  const { model } = run;
  const rows = Math.min(data.length, MAX_HISTOGRAM_ROWS, run.ws.capacity);
  const hidden = model.widths.slice(1, -1);
  if (hidden.length === 0 || rows === 0) return null;
  let budget = MAX_HISTOGRAM_UNITS;
  const shown = hidden.map((units) => {
    const n = Math.min(units, budget);
    budget -= n;
    return n;
  });
  const tallies: LayerTally[] = shown.map((n, l) => {
    const saturation = model.activations[l].traits.saturation;
    return { low: saturation?.low ?? Infinity, high: saturation?.high ?? -Infinity, counts: new Array<number>(n * HISTOGRAM_BINS).fill(0), alive: new Uint8Array(n), saturatedRows: new Int32Array(n) };
  });
  const { params, kernels, ws } = run;
  forwardInto(model, params, ws, rows, kernels, data.x.subarray(0, rows * model.inputs));
  tallies.forEach((t, l) => {
    rangeOf(t, ws.a[l], rows, hidden[l], shown[l]);
    count(t, { a: ws.a[l], z: ws.z[l], chunk: rows, units: hidden[l], shown: shown[l], traits: model.activations[l].traits });
  });
  const layers: UnitHistogramLayer[] = tallies.map((t, l) => ({
    layer: l, activation: model.activations[l].name, units: hidden[l], shown: shown[l], range: [t.low, t.high], counts: t.counts,
    dead: model.activations[l].traits.deadBelowZero ? indices(shown[l], (u) => t.alive[u] === 0) : [],
    saturated: model.activations[l].traits.saturation ? indices(shown[l], (u) => t.saturatedRows[u] >= SATURATED_SHARE * rows) : [],
  }));
  return { type: 'unitActivations', epoch, split, rows, bins: HISTOGRAM_BINS, layers };
}

// The range covers what was seen and, for a saturating activation, its thresholds, so saturation shows at the edges.
function rangeOf(t: LayerTally, a: ArrayLike<number>, chunk: number, units: number, shown: number): void {
  for (let r = 0; r < chunk; r++) {
    for (let u = 0; u < shown; u++) {
      const v = a[r * units + u];
      if (v < t.low) t.low = v;
      if (v > t.high) t.high = v;
    }
  }
}

interface CountInput {
  readonly a: ArrayLike<number>;
  readonly z: ArrayLike<number>;
  readonly chunk: number;
  readonly units: number;
  readonly shown: number;
  readonly traits: { readonly saturation?: { readonly low: number; readonly high: number } };
}

function count(t: LayerTally, { a, z, chunk, units, shown, traits }: CountInput): void {
  if (!(t.high > t.low)) [t.low, t.high] = Number.isFinite(t.low) ? [t.low - 0.5, t.low + 0.5] : [0, 1];
  const width = (t.high - t.low) / HISTOGRAM_BINS;
  for (let r = 0; r < chunk; r++) {
    for (let u = 0; u < shown; u++) {
      const v = a[r * units + u];
      if (!Number.isFinite(v)) continue;
      t.counts[u * HISTOGRAM_BINS + Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor((v - t.low) / width)))] += 1;
      if (z[r * units + u] > 0) t.alive[u] = 1;
      if (traits.saturation && (v < traits.saturation.low || v > traits.saturation.high)) t.saturatedRows[u] += 1;
    }
  }
}

function indices(n: number, test: (u: number) => boolean): number[] {
  const out: number[] = [];
  for (let u = 0; u < n; u++) if (test(u)) out.push(u);
  return out;
}
