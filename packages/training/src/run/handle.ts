import { treeClone } from '@clearprop/nn';
import type { ControlCommand, TrainingEvent } from '../events.ts';
import { learningRate, position } from './position.ts';
import type { RunState } from './run-state.ts';
import { copyParams } from './setup.ts';
import { snapshot, type RunSnapshot } from './snapshot.ts';

/** What a command did: events to emit now, and a checkpoint for the caller to write (the run does no IO). */
export interface HandleResult {
  readonly events: readonly TrainingEvent[];
  readonly checkpoint?: { readonly snapshot: RunSnapshot; readonly path?: string };
}

/**
 * Applies one control command at a batch boundary. pause/resume/stop/setLearningRate change the run and are
 * echoed as `control` events; `checkpoint` returns a snapshot to write; `markBest` keeps a copy of the weights
 * as of the epoch the command names; `earlyStop` ends the run after this boundary.
 */
export function handle(state: RunState, command: ControlCommand): HandleResult {
  switch (command.type) {
    case 'pause':
      state.status = 'paused';
      return echo(state, command);
    case 'resume':
      state.status = 'running';
      return echo(state, command);
    case 'stop':
      state.stopReason ??= 'stopped';
      state.status = 'stopped';
      return echo(state, command);
    case 'setLearningRate': {
      const base = state.optimizer.schedule(state.step);
      if (base > 0 && Number.isFinite(command.lr) && command.lr >= 0) state.lr.multiplier = command.lr / base;
      return echo(state, command);
    }
    case 'checkpoint':
      return { events: [], checkpoint: { snapshot: snapshot(state), ...(command.path === undefined ? {} : { path: command.path }) } };
    case 'markBest': {
      const best = (state.best ??= { params: treeClone(state.engine.params), epoch: 0, monitor: '', value: 0, restoreAtEnd: false });
      copyParams(state.engine.params, best.params);
      Object.assign(best, { epoch: command.epoch, monitor: command.monitor, value: command.value, restoreAtEnd: command.restoreAtEnd });
      return { events: [] };
    }
    case 'earlyStop':
      state.stopReason ??= 'earlyStopped';
      return { events: [{ type: 'earlyStop', epoch: command.epoch, monitor: command.monitor, best: command.best, bestEpoch: command.bestEpoch }] };
  }
}

function echo(state: RunState, command: ControlCommand): HandleResult {
  return { events: [{ type: 'control', command: command.type, ...position(state), step: state.step, state: state.status, learningRate: learningRate(state) }] };
}

/** The checkpoint event for a snapshot once the caller has written it to `path`. */
export function checkpointWritten(written: RunSnapshot, path: string, reason: string): TrainingEvent {
  return { type: 'checkpoint', epoch: written.position.epoch, batch: written.position.batch, step: written.step, path, reason };
}
