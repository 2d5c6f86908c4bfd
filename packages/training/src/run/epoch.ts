import type { Dataset } from '@clearprop/data';
import { treeClone } from '@clearprop/nn';
import { dataInfoOf } from '../data-info.ts';
import type { EndReason, Metrics, TrainingEvent } from '../events.ts';
import { evaluateWith, evaluationWorkspace, type Evaluation } from '../metrics/evaluate.ts';
import { learningRate, position } from './position.ts';
import { EPOCH_SUMS, type RunState } from './run-state.ts';
import { copyParams } from './setup.ts';
import { snapshotEvents } from './snapshots.ts';

/** Evaluates the current weights on `data` through the run's evaluation workspace (allocated on first use). */
export function evaluateRun(state: RunState, data: Dataset, options: { readonly scoreMetrics?: boolean } = {}): Evaluation {
  const { model, engine } = state;
  state.evalWs ??= evaluationWorkspace(model);
  return evaluateWith(state.evalWs, {
    model, params: engine.params, loss: engine.loss, data, kernels: engine.kernels, ...options,
    ...(state.spec.threshold === undefined ? {} : { threshold: state.spec.threshold }),
  });
}

/** The runStart event, plus epochStart when a checkpoint resumes mid-epoch (its order rebuilt from the saved RNG state). */
export function begin(state: RunState, out: TrainingEvent[]): void {
  const { spec, model, loader } = state;
  state.phase = 'training';
  out.push({
    type: 'runStart', name: spec.name ?? 'run', seed: spec.seed, architecture: model.describe(), model: spec.model, parameterCount: model.parameterCount,
    task: spec.train.task, epochs: spec.epochs, batchSize: loader.batchSize, batchesPerEpoch: loader.count, trainSize: spec.train.length,
    validationSize: spec.validation?.length ?? 0, startEpoch: state.epoch, resumedAt: resumedAt(state),
    config: {
      loss: spec.loss, optimizer: spec.optimizer, epochs: spec.epochs, batchSize: spec.batchSize, seed: spec.seed,
      shuffle: spec.shuffle ?? true, dropRemainder: spec.dropRemainder ?? false, dataset: dataInfoOf(spec.train, { threshold: spec.threshold }),
      ...(spec.normalization ? { normalization: spec.normalization } : {}),
    },
  });
  if (state.batch > 0) openEpoch(state, out);
}

// A resumed run's position: inside the epoch after the completed ones when it resumes mid-epoch (the epoch is
// reopened right after runStart), else at the boundary after them. Fresh runs (and --init weights) have none.
function resumedAt(state: RunState): { readonly epoch: number; readonly batch: number } | null {
  if (state.step === 0 && state.epoch === 0 && state.batch === 0) return null;
  return state.batch > 0 ? { epoch: state.epoch + 1, batch: state.batch } : { epoch: state.epoch, batch: state.epoch > 0 ? state.loader.count : 0 };
}

/** Opens the next epoch: draws its row order (remembering the RNG state first), keeps the rollback weights (unless the loss is blowing up). */
export function openEpoch(state: RunState, out: TrainingEvent[]): void {
  state.epochRngState = state.shuffleRng.state();
  if (state.spec.shuffle ?? true) state.loader.shuffle(state.shuffleRng);
  else state.loader.restoreOrder();
  // Weights in the middle of a blow-up are not worth rolling back to: keep the last epoch start before it.
  if (state.lossGuard[1] === 0) copyParams(state.engine.params, state.lastGood);
  state.epochOpen = true;
  state.epochStartedAt = state.now();
  out.push({ type: 'epochStart', epoch: state.epoch + 1 });
}

/** Closes the open epoch after its last batch: epochEnd with train and validation metrics, then the snapshots due. */
export function closeEpoch(state: RunState, out: TrainingEvent[]): void {
  const { spec, settings } = state;
  const validation = spec.validation && spec.validation.length > 0 ? evaluateRun(state, spec.validation) : undefined;
  const train = trainMetrics(state);
  const t = state.now();
  state.epoch += 1;
  state.batch = 0;
  state.epochLoss.fill(0);
  state.epochOpen = false;
  out.push({
    type: 'epochEnd', epoch: state.epoch, trainLoss: train.loss, train, ...(validation ? { validation: validation.metrics } : {}),
    learningRate: learningRate(state), elapsedMs: t - state.startedAt, epochMs: t - state.epochStartedAt,
  });
  const last = state.epoch === spec.epochs;
  if (state.epoch % settings.snapshotEvery === 0 || last) out.push(...snapshotEvents(state, (data) => evaluateRun(state, data, { scoreMetrics: false }), validation, last));
}

/**
 * The epoch's training metrics from its batch sums: the (weighted) mean loss, and beside it the unweighted mean
 * when the loss is weighted and the mean weight penalty when the model has one.
 */
function trainMetrics(state: RunState): Metrics {
  const sums = state.epochLoss;
  const rows = Math.max(sums[EPOCH_SUMS.rows], 1);
  const weight = sums[EPOCH_SUMS.weight];
  const loss = weight > 0 ? sums[EPOCH_SUMS.loss] / weight : 0;
  return {
    loss,
    ...(state.engine.weighted ? { unweightedLoss: sums[EPOCH_SUMS.unweighted] / rows } : {}),
    ...(state.model.penalized ? { penalty: sums[EPOCH_SUMS.penalty] / rows } : {}),
  };
}

/** Ends the run: puts the best weights back when asked, evaluates the final metrics and pushes runEnd. */
export function finish(state: RunState, reason: EndReason, out: TrainingEvent[]): void {
  const { best, engine } = state;
  if (best?.restoreAtEnd && reason !== 'diverged') {
    copyParams(best.params, engine.params);
    out.push({ type: 'restoredBest', ...position(state), bestEpoch: best.epoch, monitor: best.monitor, best: best.value });
  }
  state.status = 'done';
  state.phase = 'ended';
  const end = {
    type: 'runEnd', reason, epochs: state.epoch, batch: state.epochOpen ? state.batch : 0, steps: state.step, bestEpoch: best?.epoch ?? null,
    final: finalMetrics(state), elapsedMs: state.now() - state.startedAt,
  } as const;
  Object.defineProperty(end, 'params', { value: treeClone(engine.params), enumerable: false });
  out.push(end);
}

function finalMetrics(state: RunState): { train?: Metrics; validation?: Metrics; test?: Metrics } {
  const { spec, settings } = state;
  const out: { train?: Metrics; validation?: Metrics; test?: Metrics } = {};
  for (const [split, data] of [['train', spec.train], ['validation', spec.validation], ['test', spec.test]] as const) {
    if (settings.finalMetrics.includes(split) && data && data.length > 0) out[split] = evaluateRun(state, data).metrics;
  }
  return out;
}
