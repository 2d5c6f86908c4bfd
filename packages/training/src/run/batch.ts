import { diagnoseBlowUp, diagnoseDivergence } from '../engine/diagnose.ts';
import { trainBatch, trainBatchInspecting } from '../engine/engine.ts';
import { gradientStats, withUpdateRatios } from '../engine/layer-stats.ts';
import type { TrainingEvent } from '../events.ts';
import { learningRate } from './position.ts';
import { LOSS_SLOTS } from '@clearprop/nn';
import { EPOCH_SUMS, type RunState } from './run-state.ts';
import { copyParams } from './setup.ts';

/**
 * Trains the next batch of the open epoch: gathers it through the loader into the engine's workspace, runs
 * forward, backprop and the update, and pushes batchEnd (and layerStats when due) onto `out`. On a non-finite
 * loss, or one that stayed above the blow-up threshold for `settings.blowUp.batches` batches, it pushes a
 * divergence report instead and sets the stop reason. Allocates nothing unless an event is due.
 */
export function runBatch(state: RunState, out: TrainingEvent[]): void {
  const { engine, settings, loader } = state;
  // Per-batch work is only what the options ask for: no clock read or learning-rate evaluation without batchEnd.
  const t0 = settings.batchEvents ? state.now() : 0;
  const { ws } = engine;
  const rows = loader.loadInto(state.batch, ws.input as Float32Array, ws.target as Float32Array, engine.weighted ? (ws.weights as Float32Array) : undefined);
  const last = state.batch + 1 === loader.count;
  const statsDue = last || (settings.statsEvery > 0 && (state.step + 1) % settings.statsEvery === 0);
  // Both update only on a finite loss; layer stats read the gradients before the update, the others may fuse it.
  const stats = statsDue ? trainBatchInspecting(engine, rows, gradientStats) : null;
  if (!statsDue) trainBatch(engine, rows);
  const loss = ws.loss[LOSS_SLOTS.mean];
  if (!Number.isFinite(loss)) return diverged(state, loss, out, diagnoseDivergence(engine, rows, learningRate(state)));
  if (blownUp(state, loss)) {
    const { factor, batches } = settings.blowUp;
    return diverged(state, loss, out, diagnoseBlowUp(engine, rows, { learningRate: learningRate(state), first: state.lossGuard[0], factor, batches }));
  }
  const lr = settings.batchEvents ? learningRate(state) : 0;
  state.step += 1;
  state.batch += 1;
  const sums = state.epochLoss;
  const weight = ws.loss[LOSS_SLOTS.weightSum]; // = rows without weights
  sums[EPOCH_SUMS.loss] += loss * weight;
  sums[EPOCH_SUMS.rows] += rows;
  sums[EPOCH_SUMS.weight] += weight;
  sums[EPOCH_SUMS.unweighted] += ws.loss[LOSS_SLOTS.unweighted] * rows;
  sums[EPOCH_SUMS.penalty] += ws.penalty[0] * rows;
  const epoch = state.epoch + 1;
  if (settings.batchEvents) {
    const samplesPerSecond = rows / Math.max((state.now() - t0) / 1000, 1e-9);
    out.push({ type: 'batchEnd', epoch, batch: state.batch, step: state.step, loss, learningRate: lr, samplesPerSecond });
  }
  if (stats) out.push({ type: 'layerStats', epoch, step: state.step, layers: withUpdateRatios(stats, engine.ws.grads) });
}

// The first batch loss is the reference (floored at 1e-3, so a run that starts at a near-perfect fit is not
// flagged for ordinary noise); the count of batches in a row above factor × reference lives in state.lossGuard.
function blownUp(state: RunState, loss: number): boolean {
  const guard = state.lossGuard;
  if (Number.isNaN(guard[0])) guard[0] = loss;
  guard[1] = loss > state.settings.blowUp.factor * Math.max(guard[0], 1e-3) ? guard[1] + 1 : 0;
  return guard[1] >= state.settings.blowUp.batches;
}

function diverged(state: RunState, loss: number, out: TrainingEvent[], diagnosis: ReturnType<typeof diagnoseDivergence>): void {
  const action = state.settings.onDivergence === 'rollback' ? 'rolledBack' : 'stopped';
  if (action === 'rolledBack') copyParams(state.lastGood, state.engine.params);
  out.push({ type: 'divergence', epoch: state.epoch + 1, batch: state.batch + 1, step: state.step + 1, loss, ...diagnosis, action });
  state.stopReason = 'diverged';
}
