import { treeClone, type ParamTree } from '@clearprop/nn';
import { position, type Position } from './position.ts';
import { EPOCH_SUMS, type RunState } from './run-state.ts';
import type { ResumePoint } from './setup.ts';

/**
 * The full resumable state of a run at a batch boundary (weights and optimizer state are copies): what a
 * checkpoint stores. `epoch` counts completed epochs and `batchIndex` the batches done in the open one, so
 * resuming from it continues bit-identically. `position` is the same place in the event convention.
 */
export interface RunSnapshot extends Required<Omit<ResumePoint, 'optState'>> {
  readonly optState: ParamTree;
  readonly position: Position;
}

/** Copies the run's state at this batch boundary. */
export function snapshot(state: RunState): RunSnapshot {
  return {
    params: treeClone(state.engine.params),
    optState: treeClone(state.engine.optState),
    rngState: state.epochOpen ? state.epochRngState : state.shuffleRng.state(),
    epoch: state.epoch,
    step: state.step,
    batchIndex: state.epochOpen ? state.batch : 0,
    lrMultiplier: state.lr.multiplier,
    epochLossSum: state.epochLoss[EPOCH_SUMS.loss],
    epochRows: state.epochLoss[EPOCH_SUMS.rows],
    epochWeightSum: state.epochLoss[EPOCH_SUMS.weight],
    epochUnweightedSum: state.epochLoss[EPOCH_SUMS.unweighted],
    epochPenaltySum: state.epochLoss[EPOCH_SUMS.penalty],
    dropoutRngState: state.dropoutRng.state(),
    position: position(state),
  };
}
