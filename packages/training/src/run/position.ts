import type { RunState } from './run-state.ts';

/** Where a run stands between two batches, in the event convention (1-based epoch, batches done in it). */
export interface Position {
  readonly epoch: number;
  readonly batch: number;
}

/**
 * The run's position: inside an open epoch, that epoch (completed + 1) and the batches done in it; at an epoch
 * boundary, the last finished epoch with all its batches done (epoch 0, batch 0 before the first).
 */
export function position(state: RunState): Position {
  if (state.epochOpen) return { epoch: state.epoch + 1, batch: state.batch };
  return { epoch: state.epoch, batch: state.epoch > 0 ? state.loader.count : 0 };
}

/** The learning rate the next update applies: the schedule at this step times the set-LR multiplier. */
export function learningRate(state: RunState): number {
  return state.optimizer.schedule(state.step) * state.lr.multiplier;
}
