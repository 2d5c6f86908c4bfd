import { createWorkspace, resolveLoss, sequential, type ModelParams } from '@clearprop/nn';
import { tsKernels } from '@clearprop/tensor';
import type { TrainingEvent } from '../events.ts';
import type { Experiment } from '../experiments/types.ts';
import { evaluate } from '../metrics/evaluate.ts';
import { boundaryGrid } from '../run/boundary-grid.ts';
import { boundaryEvent } from '../run/boundary.ts';

type Of<K extends TrainingEvent['type']> = Extract<TrainingEvent, { type: K }>;

/** One point of the loss curve. */
export interface LossPoint {
  readonly epoch: number;
  readonly train: number;
  readonly validation?: number;
}

/** The final model's confusion matrix on the most held-out data the run has (test, else validation, else train). */
export interface FinalConfusion {
  readonly split: 'train' | 'validation' | 'test';
  readonly rows: number;
  readonly labels: readonly string[];
  readonly matrix: readonly (readonly number[])[];
}

/** What a finished run leaves for summaries and charts; bounded in size however long the run was. */
export interface RunRecord {
  readonly runStart: Of<'runStart'>;
  readonly runEnd: Of<'runEnd'>;
  /** The loss curve, thinned to at most MAX_LOSS_POINTS evenly spaced epochs (always with the last). */
  readonly losses: readonly LossPoint[];
  readonly lastSnapshot?: Of<'predictionSnapshot'>;
  readonly divergence?: Of<'divergence'>;
  /** Every checkpoint written, in order (path and position). */
  readonly checkpoints: readonly Of<'checkpoint'>[];
  readonly confusion?: FinalConfusion;
  /**
   * Classification on 2 features: the final weights' boundary map (after any restore of the best ones), finer than
   * the live snapshots — FINAL_BOUNDARY_GRID cells, hidden maps up to FINAL_HIDDEN_VALUES values — for the charts.
   */
  readonly boundary?: Of<'boundary'>;
}

/** Cells of the final boundary map in a RunRecord. */
export const FINAL_BOUNDARY_GRID = { width: 128, height: 64 } as const;
/** Hidden-unit values of the final boundary map at most (2-16-16-2 gets 64×32 maps, 2-64-64-3 32×16). */
export const FINAL_HIDDEN_VALUES = 65_536;

/** Loss points kept for the chart; the curve is thinned by doubling its stride beyond this. */
export const MAX_LOSS_POINTS = 2048;

/** Collects a RunRecord from a run's events. */
export interface RunRecorder {
  next(event: TrainingEvent): void;
  /** The record once runEnd has been seen (with the final confusion matrix computed from `params`), else null. */
  finish(experiment: Experiment, params: ModelParams | undefined): RunRecord | null;
}

/** A recorder that keeps only bounded state: the thinned loss curve and the latest of each notable event. */
export function runRecorder(): RunRecorder {
  let losses: LossPoint[] = [];
  let stride = 1;
  let last: LossPoint | undefined;
  const checkpoints: Of<'checkpoint'>[] = [];
  const seen: { runStart?: Of<'runStart'>; runEnd?: Of<'runEnd'>; lastSnapshot?: Of<'predictionSnapshot'>; divergence?: Of<'divergence'> } = {};
  const addLoss = (e: Of<'epochEnd'>) => {
    last = { epoch: e.epoch, train: e.trainLoss, ...(e.validation ? { validation: e.validation.loss } : {}) };
    if (e.epoch % stride !== 0) return;
    losses.push(last);
    if (losses.length <= MAX_LOSS_POINTS) return;
    stride *= 2;
    losses = losses.filter((p) => p.epoch % stride === 0);
  };
  return {
    next(event) {
      if (event.type === 'epochEnd') addLoss(event);
      else if (event.type === 'checkpoint') checkpoints.push(event);
      else if (event.type === 'runStart' || event.type === 'runEnd' || event.type === 'divergence') Object.assign(seen, { [event.type]: event });
      else if (event.type === 'predictionSnapshot') seen.lastSnapshot = event;
    },
    finish(experiment, params) {
      if (!seen.runStart || !seen.runEnd) return null;
      const curve = last && losses[losses.length - 1] !== last ? [...losses, last] : losses;
      const confusion = params ? finalConfusion(experiment, params) : undefined;
      const boundary = params ? finalBoundary(experiment, params, seen.runEnd.epochs) : undefined;
      return {
        runStart: seen.runStart, runEnd: seen.runEnd, losses: curve, checkpoints,
        ...(seen.lastSnapshot ? { lastSnapshot: seen.lastSnapshot } : {}), ...(seen.divergence ? { divergence: seen.divergence } : {}),
        ...(confusion ? { confusion } : {}), ...(boundary ? { boundary } : {}),
      };
    },
  };
}

function finalConfusion(experiment: Experiment, params: ModelParams): FinalConfusion | undefined {
  const { spec } = experiment;
  if (spec.train.task !== 'classification') return undefined;
  const [split, data] = spec.test ? ['test', spec.test] as const : spec.validation ? ['validation', spec.validation] as const : ['train', spec.train] as const;
  const { confusion } = evaluate(sequential(spec.model), params, resolveLoss(spec.loss), data, tsKernels);
  if (!confusion) return undefined;
  const labels = spec.train.classLabels.length === confusion.length ? spec.train.classLabels : confusion.map((_, i) => String(i));
  return { split, rows: data.length, labels, matrix: confusion };
}

function finalBoundary(experiment: Experiment, params: ModelParams, epoch: number): Of<'boundary'> | undefined {
  const model = sequential(experiment.spec.model);
  const grid = boundaryGrid(experiment.spec, model, { size: FINAL_BOUNDARY_GRID, maxHiddenValues: FINAL_HIDDEN_VALUES });
  return grid ? boundaryEvent(grid, { model, params, kernels: tsKernels, ws: createWorkspace(model, 256) }, epoch) : undefined;
}
