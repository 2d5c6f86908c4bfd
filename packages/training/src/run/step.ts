import type { TrainingEvent } from '../events.ts';
import { runBatch } from './batch.ts';
import { begin, closeEpoch, finish, openEpoch } from './epoch.ts';
import type { RunState } from './run-state.ts';

/**
 * Advances the run by one batch boundary and returns the events it produced, in order:
 * - the first call: runStart (and epochStart when resuming mid-epoch);
 * - then each call: [epochStart] batchEnd [layerStats] [epochEnd snapshots…] — one batch, opening or closing its
 *   epoch as needed — or a divergence report;
 * - after a stop, early stop, divergence or the last epoch: restoredBest? runEnd; afterwards nothing.
 * A paused run returns no events and does not move. The array is reused by the next call: read it before then.
 */
export function step(state: RunState): readonly TrainingEvent[] {
  const out = state.out;
  out.length = 0;
  if (state.phase === 'ended') return out;
  if (state.phase === 'new') {
    begin(state, out);
    return out;
  }
  if (state.stopReason !== null) {
    finish(state, state.stopReason, out);
    return out;
  }
  if (state.status === 'paused') return out;
  if (state.epoch >= state.spec.epochs) {
    finish(state, 'completed', out);
    return out;
  }
  if (!state.epochOpen) openEpoch(state, out);
  // A checkpoint written after an epoch's last batch but before its end (older versions wrote those) resumes
  // with every batch done: the epoch only needs closing.
  if (state.batch < state.loader.count) runBatch(state, out);
  if (state.stopReason === null && state.batch === state.loader.count) closeEpoch(state, out);
  return out;
}

/** True once step has produced runEnd. */
export function ended(state: RunState): boolean {
  return state.phase === 'ended';
}
