import { batchLoader, type BatchLoader } from '@clearprop/data';
import { resolveLoss, treeClone, type Model, type ModelParams, type Workspace } from '@clearprop/nn';
import { createRng, restoreRng, type Rng } from '@clearprop/tensor';
import { createEngine, type Engine } from '../engine/engine.ts';
import type { EndReason, RunStatus, TrainingEvent } from '../events.ts';
import { buildOptimizer, type BuiltOptimizer } from '../optimizer.ts';
import type { TrainOptions, TrainSpec } from '../spec.ts';
import { checkSpec, defaultKernels, TrainSpecError, type CheckedSpec, type ResumePoint } from './setup.ts';
import { boundaryGrid, type BoundaryGrid } from './boundary-grid.ts';
import { snapshotGrid, type SnapshotGrid } from './snapshots.ts';

/** What createRun takes besides the spec: how the run is observed, and where it resumes from. */
export interface CreateRunOptions extends Omit<TrainOptions, 'yieldEveryMs'> {
  /** Continue from a checkpoint or start from given weights (`--init`). */
  readonly resumeFrom?: ResumePoint;
}

/** The best weights so far, kept on `markBest` and put back at the end when `restoreAtEnd`. */
export interface BestWeights {
  readonly params: ModelParams;
  epoch: number;
  monitor: string;
  value: number;
  restoreAtEnd: boolean;
}

/** The observation settings of a run, with their defaults applied. */
export interface RunSettings {
  readonly batchEvents: boolean;
  readonly statsEvery: number;
  readonly snapshotEvery: number;
  readonly finalMetrics: readonly ('train' | 'validation' | 'test')[];
  readonly onDivergence: 'stop' | 'rollback';
  /** The blow-up guard (TrainOptions.blowUp with its defaults applied). */
  readonly blowUp: { readonly factor: number; readonly batches: number };
}

/**
 * A training run as plain data: what was built once (model, engine, loader, RNG) and where the run is.
 * `step`, `handle` and `snapshot` are the only functions that read or change it; `train()` schedules them.
 * Positions follow the event convention: `epoch` counts completed epochs, `batch` the batches done in the open one.
 */
export interface RunState {
  readonly spec: TrainSpec;
  readonly model: Model;
  readonly engine: Engine;
  readonly optimizer: BuiltOptimizer;
  readonly loader: BatchLoader;
  readonly shuffleRng: Rng;
  /** Draws the dropout masks, one value per dropped layer's unit and row, batch after batch; checkpointed. */
  readonly dropoutRng: Rng;
  /** The set-LR / reduce-on-plateau factor on the schedule; checkpointed. */
  readonly lr: { multiplier: number };
  readonly now: () => number;
  readonly settings: RunSettings;
  readonly grid: SnapshotGrid | null;
  /** The grid of boundary snapshots (2-D classification), else null. */
  readonly boundary: BoundaryGrid | null;
  /** Weights at the start of the open epoch, for a divergence rollback. */
  readonly lastGood: ModelParams;
  /**
   * Sums over the open epoch's batches, indexed by EPOCH_SUMS: Σ loss·weight, rows, Σ weight, Σ unweighted loss·rows,
   * Σ penalty·rows. A buffer, so the hot loop never boxes a double.
   */
  readonly epochLoss: Float64Array;
  /** [the run's first batch loss (NaN before it), batches in a row above the blow-up threshold]; a buffer, as epochLoss. */
  readonly lossGuard: Float64Array;
  /** The events of the latest `step`, reused so a quiet step allocates nothing. */
  readonly out: TrainingEvent[];
  phase: 'new' | 'training' | 'ended';
  status: RunStatus;
  epoch: number;
  batch: number;
  step: number;
  epochOpen: boolean;
  /** Shuffle-RNG state at the start of the open epoch, so a checkpoint can rebuild exactly this order. */
  epochRngState: readonly number[];
  stopReason: EndReason | null;
  best: BestWeights | null;
  startedAt: number;
  epochStartedAt: number;
  evalWs: Workspace | undefined;
}

/** Slots of RunState.epochLoss. Without weights, weight = rows and unweighted = loss. */
export const EPOCH_SUMS = { loss: 0, rows: 1, weight: 2, unweighted: 3, penalty: 4 } as const;

/**
 * Builds a run from a checked spec: model, engine (every buffer the run will use), batch loader and seeded RNGs.
 * The init RNG and the shuffle RNG are split from `spec.seed`, so the same seed gives the same run.
 * Throws TrainSpecError naming the field when the spec or the resume point does not fit.
 */
export function createRun(spec: TrainSpec, options: CreateRunOptions = {}): RunState {
  const { model, batchSize, batchesPerEpoch } = checkRunInputs(spec, options.resumeFrom);
  const resume = options.resumeFrom;
  const root = createRng(spec.seed);
  const initRng = root.split();
  const shuffleRng = resume?.rngState ? restoreRng(resume.rngState) : root.split();
  // Split after the other two, so adding dropout changed neither the initial weights nor the batch order of a seed.
  const freshDropout = root.split();
  const dropoutRng = resume?.dropoutRngState ? restoreRng(resume.dropoutRngState) : freshDropout;
  const lr = { multiplier: resume?.lrMultiplier ?? 1 };
  const optimizer = buildOptimizer(spec.optimizer, spec.epochs * batchesPerEpoch, () => lr.multiplier);
  const params = resume ? treeClone(resume.params) : model.init(initRng);
  const engine = createEngine({
    model, loss: resolveLoss(spec.loss), optimizer: optimizer.transform, kernels: options.kernels ?? defaultKernels(), params, capacity: batchSize,
    weighted: spec.train.weights !== undefined, ...(model.dropsUnits ? { dropout: dropoutRng } : {}),
    ...(resume?.optState ? { optState: treeClone(resume.optState) } : {}),
  });
  const now = options.now ?? (() => performance.now());
  const started = now();
  return {
    spec, model, engine, optimizer, shuffleRng, dropoutRng, lr, now,
    loader: batchLoader(spec.train, { batchSize, dropRemainder: spec.dropRemainder ?? false }),
    settings: {
      batchEvents: options.batchEvents ?? true,
      statsEvery: options.statsEvery ?? 0,
      snapshotEvery: options.snapshotEvery ?? Math.max(1, Math.floor(spec.epochs / 100)),
      finalMetrics: options.finalMetrics ?? ['train', 'validation', 'test'],
      onDivergence: options.onDivergence ?? 'stop',
      blowUp: blowUpSettings(options),
    },
    grid: snapshotGrid(spec, model),
    boundary: options.boundaryGrid === false ? null : boundaryGrid(spec, model, options.boundaryGrid ? { size: options.boundaryGrid } : {}),
    lastGood: treeClone(engine.params),
    epochLoss: epochSums(resume),
    lossGuard: Float64Array.of(NaN, 0),
    out: [],
    phase: 'new', status: 'running',
    epoch: resume?.epoch ?? 0, batch: resume?.batchIndex ?? 0, step: resume?.step ?? 0,
    epochOpen: false, epochRngState: shuffleRng.state(), stopReason: null, best: null,
    startedAt: started, epochStartedAt: started, evalWs: undefined,
  };
}

function blowUpSettings(options: CreateRunOptions): RunSettings['blowUp'] {
  const blowUp = { factor: options.blowUp?.factor ?? 1e6, batches: options.blowUp?.batches ?? 5 };
  if (!(blowUp.factor > 1)) throw new TrainSpecError(`blowUp.factor must be a number > 1 (Infinity turns the guard off), got ${blowUp.factor}`);
  if (!Number.isInteger(blowUp.batches) || blowUp.batches < 1) throw new TrainSpecError(`blowUp.batches must be a positive integer, got ${blowUp.batches}`);
  return blowUp;
}

/**
 * Checks a spec and, when given, a resume point against it without building anything: throws TrainSpecError
 * naming the field (see checkSpec), or the layer whose resume weights have another shape, or a batch index
 * outside the epoch. `train()` and sessions call it before a run starts, so bad input fails before any output.
 */
export function checkRunInputs(spec: TrainSpec, resume?: ResumePoint): CheckedSpec {
  const checked = checkSpec(spec);
  if (resume) checkResume(checked.model, resume, checked.batchesPerEpoch);
  return checked;
}

// A resume point for another architecture would fail deep inside the first batch; say which tensor differs instead.
function checkResume(model: Model, resume: ResumePoint, batchesPerEpoch: number): void {
  const want = model.activations.map((a, l) => {
    const [units, inputs] = [model.widths[l + 1], model.widths[l]];
    return `${units}×${inputs}/${units}${a.learnsAlpha ? `/${units}` : ''}`;
  });
  const got = resume.params.map((l) => `${l.weight.shape.join('×')}/${l.bias.shape.join('×')}${l.alpha ? `/${l.alpha.shape.join('×')}` : ''}`);
  want.forEach((shape, l) => {
    if (got[l] !== shape) throw new TrainSpecError(`resume: layer ${l} weights/bias are ${got[l] ?? 'missing'}, the model needs ${shape}`);
  });
  if (got.length !== want.length) throw new TrainSpecError(`resume: the weights have ${got.length} layers, the model has ${want.length}`);
  const b = resume.batchIndex ?? 0;
  if (!Number.isInteger(b) || b < 0 || b > batchesPerEpoch) {
    throw new TrainSpecError(`resume: batchIndex ${b} is outside 0…${batchesPerEpoch} (the epoch has ${batchesPerEpoch} batches)`);
  }
}

// The open epoch's sums as a resume point left them; older checkpoints carry only the loss and row sums.
function epochSums(resume: ResumePoint | undefined): Float64Array {
  const loss = resume?.epochLossSum ?? 0;
  const rows = resume?.epochRows ?? 0;
  return Float64Array.of(loss, rows, resume?.epochWeightSum ?? rows, resume?.epochUnweightedSum ?? loss, resume?.epochPenaltySum ?? 0);
}
