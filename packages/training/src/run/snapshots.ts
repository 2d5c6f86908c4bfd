import type { Dataset } from '@clearprop/data';
import { predict, type Model } from '@clearprop/nn';
import { fromData } from '@clearprop/tensor';
import type { TrainingEvent } from '../events.ts';
import { evaluationWorkspace, type Evaluation } from '../metrics/evaluate.ts';
import type { TrainSpec } from '../spec.ts';
import { boundaryEvent, type BoundaryModel } from './boundary.ts';
import type { RunState } from './run-state.ts';
import { thinnedSnapshotDue } from './snapshot-cadence.ts';
import { histogramsDue, unitActivationsEvent } from './unit-activations.ts';

/** The x grid of a 1-D regression (train ∪ validation, sorted, at most `maxPoints`), or null for other tasks. */
export interface SnapshotGrid {
  readonly x: Float32Array;
  readonly target: Float32Array;
}

/** Picks the grid for prediction snapshots: only for 1-input, 1-output regression (the seed's sin plot). */
export function snapshotGrid(spec: TrainSpec, model: Model, maxPoints = 200): SnapshotGrid | null {
  if (spec.train.task !== 'regression' || model.inputs !== 1 || model.outputs !== 1) return null;
  const parts = [spec.train, ...(spec.validation ? [spec.validation] : [])];
  const points = parts.flatMap((d) => Array.from(d.x, (x, i) => [x, d.y[i]] as const)).sort((a, b) => a[0] - b[0]);
  const stride = Math.max(1, Math.ceil(points.length / maxPoints));
  const picked = points.filter((_, i) => i % stride === 0);
  return { x: Float32Array.from(picked, (p) => p[0]), target: Float32Array.from(picked, (p) => p[1]) };
}

/** Confusion snapshots of the training set (runs without validation data) per run, at most (plus the last). */
export const MAX_TRAIN_CONFUSIONS = 20;

/** Evaluates the run's current weights on a dataset (the run's own evaluation workspace). */
export type Evaluator = (data: Dataset) => Evaluation;

/**
 * The snapshot events after epoch `epoch` (1-based, just finished): prediction vs target on the grid (1-D
 * regression), or a confusion matrix for classification — on the validation set when the run has one, else on
 * the training set (at most MAX_TRAIN_CONFUSIONS times a run), so a run without a validation split (digits) still
 * shows one; at the last epoch also on test.
 */
export function snapshotEvents(state: RunState, evaluate: Evaluator, validation: Evaluation | undefined, last: boolean): TrainingEvent[] {
  return [...outputSnapshots(state, evaluate, validation, last), ...unitSnapshots(state, last)];
}

/**
 * The neuron snapshots after an epoch: a boundary map for 2-D classification (see boundaryGrid), per-unit
 * activation histograms on the validation (else training) rows for every other run with hidden layers (on at
 * most MAX_HISTOGRAM_EVENTS of the snapshots, see histogramsDue).
 */
function unitSnapshots(state: RunState, last: boolean): TrainingEvent[] {
  const { engine, model, spec, settings } = state;
  const run: BoundaryModel = { model, params: engine.params, kernels: engine.kernels, ws: (state.evalWs ??= evaluationWorkspace(model)) };
  if (state.boundary) return [boundaryEvent(state.boundary, run, state.epoch)];
  if (!histogramsDue(state.epoch, spec.epochs, settings.snapshotEvery, last)) return [];
  const held = spec.validation && spec.validation.length > 0 ? spec.validation : undefined;
  const event = unitActivationsEvent(held ?? spec.train, held ? 'validation' : 'train', run, state.epoch);
  return event ? [event] : [];
}

function outputSnapshots(state: RunState, evaluate: Evaluator, validation: Evaluation | undefined, last: boolean): TrainingEvent[] {
  const { engine, model, grid, spec } = state;
  const epoch = state.epoch;
  if (grid) {
    const out = predict(model, engine.params, fromData(grid.x, [grid.x.length, 1]), { kernels: engine.kernels });
    return [{ type: 'predictionSnapshot', epoch, x: numbers(grid.x), target: numbers(grid.target), prediction: numbers(out.data) }];
  }
  if (spec.train.task !== 'classification') return [];
  const labels = spec.train.classLabels.length > 0 ? [...spec.train.classLabels] : Array.from({ length: Math.max(model.outputs, 2) }, (_, i) => String(i));
  const events: TrainingEvent[] = [];
  // The validation evaluation is there anyway (epochEnd's metrics); the training set costs a forward pass over it,
  // so without validation data its confusion comes at most MAX_TRAIN_CONFUSIONS times a run (digits: every 5th
  // epoch instead of every epoch, which was a third of the run).
  const seen = validation ?? (thinnedSnapshotDue(epoch, spec.epochs, state.settings.snapshotEvery, last, MAX_TRAIN_CONFUSIONS) ? evaluate(spec.train) : undefined);
  if (seen?.confusion) events.push({ type: 'confusionMatrix', epoch, split: validation ? 'validation' : 'train', labels, matrix: seen.confusion });
  const test = last && spec.test && spec.test.length > 0 ? evaluate(spec.test).confusion : undefined;
  if (test) events.push({ type: 'confusionMatrix', epoch, split: 'test', labels, matrix: test });
  return events;
}

// Array.from on a typed array goes through the iterator protocol, one result object per element: on W1's 100
// snapshots of 3 × 200 points that was ~2 ms and most of the run's garbage. A plain loop gives the same array.
function numbers(values: ArrayLike<number>): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return out;
}
