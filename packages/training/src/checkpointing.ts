import type { Checkpoint, SavedModel } from './files/index.ts';
import { validateCheckpoint, type TrainerState } from './files/checkpoint-validation.ts';
import { checkSpec, type ResumePoint } from './run/setup.ts';
import type { RunSnapshot } from './run/snapshot.ts';
import type { TrainSpec } from './spec.ts';

/** What a checkpoint's model carries besides weights: scaler statistics, the config (for resume) and dataset info. */
export type CheckpointMeta = Omit<SavedModel, 'spec' | 'params'>;

/** Packs a run snapshot into a Checkpoint (model + optimizer state + RNG state + loop position). */
export function snapshotToCheckpoint(snapshot: RunSnapshot, spec: TrainSpec, meta: CheckpointMeta = {}): Checkpoint {
  const trainerState: TrainerState = {
    batchIndex: snapshot.batchIndex,
    lrMultiplier: snapshot.lrMultiplier,
    epochLossSum: snapshot.epochLossSum,
    epochRows: snapshot.epochRows,
    epochWeightSum: snapshot.epochWeightSum,
    epochUnweightedSum: snapshot.epochUnweightedSum,
    epochPenaltySum: snapshot.epochPenaltySum,
    dropoutRng: snapshot.dropoutRngState,
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
    // Checkpoints from before weights, penalties and dropout lack these; the defaults are what those runs had.
    ...(t.epochWeightSum === undefined ? {} : { epochWeightSum: t.epochWeightSum }),
    ...(t.epochUnweightedSum === undefined ? {} : { epochUnweightedSum: t.epochUnweightedSum }),
    ...(t.epochPenaltySum === undefined ? {} : { epochPenaltySum: t.epochPenaltySum }),
    ...(t.dropoutRng === undefined ? {} : { dropoutRngState: t.dropoutRng }),
  };
}

/**
 * Validates a decoded checkpoint against the run it is to resume (validateCheckpoint: architecture, optimizer state
 * tree and counters, trainer state ranges) and unpacks it into `resumeFrom`. Throws ModelFileError naming `source`
 * and the field, or TrainSpecError when the spec itself does not fit its data.
 */
export function resumePointFor(checkpoint: Checkpoint, spec: TrainSpec, source?: string): ResumePoint {
  const { batchSize, batchesPerEpoch } = checkSpec(spec);
  const rowsPerEpoch = spec.dropRemainder ? batchesPerEpoch * batchSize : spec.train.length;
  validateCheckpoint(checkpoint, { model: spec.model, optimizer: spec.optimizer, batchSize, batchesPerEpoch, rowsPerEpoch, ...(source === undefined ? {} : { source }) });
  return checkpointToResumePoint(checkpoint);
}

