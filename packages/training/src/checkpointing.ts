import type { Checkpoint, SavedModel } from './files/index.ts';
import type { ResumePoint } from './run/setup.ts';
import type { TrainSpec } from './spec.ts';
import type { RunSnapshot } from './run/snapshot.ts';

/** The loop position a checkpoint's `trainerState` carries besides weights, optimizer state and RNG. */
interface TrainerState {
  readonly batchIndex: number;
  readonly lrMultiplier: number;
  readonly epochLossSum: number;
  readonly epochRows: number;
}

/** What a checkpoint's model carries besides weights: scaler statistics, the config (for resume) and dataset info. */
export type CheckpointMeta = Omit<SavedModel, 'spec' | 'params'>;

/** Packs a run snapshot into a Checkpoint (model + optimizer state + RNG state + loop position). */
export function snapshotToCheckpoint(snapshot: RunSnapshot, spec: TrainSpec, meta: CheckpointMeta = {}): Checkpoint {
  const trainerState: TrainerState = {
    batchIndex: snapshot.batchIndex,
    lrMultiplier: snapshot.lrMultiplier,
    epochLossSum: snapshot.epochLossSum,
    epochRows: snapshot.epochRows,
  };
  return {
    model: { spec: spec.model, params: snapshot.params, ...meta },
    optimizerState: snapshot.optState,
    rngState: snapshot.rngState,
    epoch: snapshot.epoch,
    step: snapshot.step,
    trainerState,
  };
}

/** Unpacks a Checkpoint into the `resumeFrom` of `train()`; the resumed run continues bit-identically. */
export function checkpointToResumePoint(checkpoint: Checkpoint): ResumePoint {
  const t = (checkpoint.trainerState ?? {}) as Partial<TrainerState>;
  return {
    params: checkpoint.model.params,
    optState: checkpoint.optimizerState,
    rngState: checkpoint.rngState,
    epoch: checkpoint.epoch,
    step: checkpoint.step,
    batchIndex: t.batchIndex ?? 0,
    lrMultiplier: t.lrMultiplier ?? 1,
    epochLossSum: t.epochLossSum ?? 0,
    epochRows: t.epochRows ?? 0,
  };
}
