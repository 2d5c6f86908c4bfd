import { assertNever, formatCompleted, plural, type LayerStats, type Metrics, type RateEstimate, type RunConfig, type RunStatus, type TrainingEvent } from '@clearprop/training';
import { nextEta } from './eta.ts';

/** A message from the dashboard itself (model saved, replay speed, file problems) into the same reducer. */
export interface AppEvent {
  readonly type: 'app';
  readonly level: LogLevel;
  readonly text: string;
  /** A replay was paused or resumed. */
  readonly paused?: boolean;
  /** A replay's new speed factor. */
  readonly speed?: number;
  /** The model file the dashboard wrote. */
  readonly modelPath?: string;
}

/** Everything the dashboard reduces: the training stream plus its own messages. */
export type DashboardEvent = TrainingEvent | AppEvent;

/** Severity of an event-log line. */
export type LogLevel = 'info' | 'warn' | 'error';

/** One line of the event log. */
export interface LogEntry {
  readonly epoch: number;
  readonly level: LogLevel;
  readonly text: string;
}

/** The run as announced by runStart. */
export type RunInfo = Omit<Extract<TrainingEvent, { type: 'runStart' }>, 'type' | 'model' | 'config'> & {
  readonly optimizer: string;
  readonly layerCount: number;
};

/** One finished epoch as the charts see it. */
export interface EpochPoint {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly validationLoss?: number;
  readonly learningRate: number;
}

/** Per-layer statistics: the latest values and a short history of ‖δ‖ and ‖∇W‖ for sparklines. */
export interface LayerView {
  readonly latest: readonly LayerStats[];
  readonly deltaNorms: readonly (readonly number[])[];
  readonly gradNorms: readonly (readonly number[])[];
}

/** What the whole dashboard shows, derived from events only (no clock, no IO). */
export interface DashboardState {
  readonly run: RunInfo | null;
  /** 'waiting' until runStart arrives. */
  readonly status: RunStatus | 'waiting';
  /** The epoch in progress, or the last one finished between epochs (1-based, as in the events; 0 before the first). */
  readonly epoch: number;
  /** Epochs completed. */
  readonly epochsDone: number;
  /** Batches done in the current epoch. */
  readonly batch: number;
  readonly step: number;
  readonly learningRate: number | null;
  readonly elapsedMs: number;
  /** Exponential average of the compute time per epoch, for samples/s. */
  readonly epochMs: number | null;
  /** The smoothed epoch rate behind the ETA (state/eta.ts). */
  readonly eta: RateEstimate | null;
  readonly samplesPerSecond: number | null;
  readonly history: readonly EpochPoint[];
  /** Every `historyStride`-th epoch is kept once the history is long (see MAX_HISTORY). */
  readonly historyStride: number;
  readonly batchLosses: readonly number[];
  readonly train: Metrics | null;
  /** Accuracy on the training set from the latest train confusion snapshot (runs without a validation split). */
  readonly trainAccuracy: number | null;
  readonly validation: Metrics | null;
  readonly layers: LayerView;
  readonly fit: Omit<Extract<TrainingEvent, { type: 'predictionSnapshot' }>, 'type'> | null;
  readonly confusion: Omit<Extract<TrainingEvent, { type: 'confusionMatrix' }>, 'type'> | null;
  /** The latest boundary map (classification on 2 features): the boundary panel and the neuron maps. */
  readonly boundary: Omit<Extract<TrainingEvent, { type: 'boundary' }>, 'type'> | null;
  /** The latest per-unit activation histograms (other runs): the neuron view. */
  readonly units: Omit<Extract<TrainingEvent, { type: 'unitActivations' }>, 'type'> | null;
  readonly log: readonly LogEntry[];
  readonly end: Omit<Extract<TrainingEvent, { type: 'runEnd' }>, 'type'> | null;
  /** Replay only: paused and speed factor. */
  readonly replay: { readonly paused: boolean; readonly speed: number } | null;
  readonly modelPath: string | null;
}

/** Epoch points kept before the history is thinned to every other point. */
export const MAX_HISTORY = 1024;
/** Sparkline and batch-loss history length. */
export const MAX_RECENT = 64;
/** Event-log lines kept. */
export const MAX_LOG = 50;

/** The state before any event. */
export const initialDashboardState: DashboardState = {
  run: null, status: 'waiting', epoch: 0, epochsDone: 0, batch: 0, step: 0, learningRate: null, elapsedMs: 0, epochMs: null, eta: null,
  samplesPerSecond: null, history: [], historyStride: 1, batchLosses: [], train: null, trainAccuracy: null, validation: null,
  layers: { latest: [], deltaNorms: [], gradNorms: [] }, fit: null, confusion: null, boundary: null, units: null, log: [], end: null, replay: null, modelPath: null,
};

const recent = <T>(values: readonly T[], value: T, max = MAX_RECENT): readonly T[] => [...values.slice(-(max - 1)), value];
const logged = (state: DashboardState, level: LogLevel, text: string): readonly LogEntry[] => recent(state.log, { epoch: state.epoch, level, text }, MAX_LOG);

/** Appends an epoch, thinning the history to every other epoch (and doubling the stride) when it gets long. */
function withEpoch(state: DashboardState, point: EpochPoint): Pick<DashboardState, 'history' | 'historyStride'> {
  if (point.epoch % state.historyStride !== 0 && state.history.length > 0) return { history: state.history, historyStride: state.historyStride };
  const history = [...state.history, point];
  if (history.length <= MAX_HISTORY) return { history, historyStride: state.historyStride };
  const stride = state.historyStride * 2;
  return { history: history.filter((p) => p.epoch % stride === 0), historyStride: stride };
}

function optimizerLabel(config: RunConfig): string {
  return `${config.optimizer.name} lr ${config.optimizer.lr}`;
}

/**
 * Folds one event into the dashboard state. Pure: returns a new state and never mutates `state`;
 * unknown event types are a compile error (exhaustive switch).
 */
export function reduceDashboard(state: DashboardState, event: DashboardEvent): DashboardState {
  const next = reduceEvent(state, event);
  const eta = nextEta(state.eta, event, next.epochsDone);
  return eta === next.eta ? next : { ...next, eta };
}

function reduceEvent(state: DashboardState, event: DashboardEvent): DashboardState {
  switch (event.type) {
    case 'runStart': {
      const { type: _type, model, config, ...info } = event;
      return {
        ...initialDashboardState, replay: state.replay, log: state.log,
        run: { ...info, optimizer: optimizerLabel(config), layerCount: model.layers.length }, status: 'running', epoch: event.startEpoch, epochsDone: event.startEpoch,
      };
    }
    case 'epochStart':
      return { ...state, epoch: event.epoch, batch: 0 };
    case 'batchEnd':
      return {
        ...state, epoch: event.epoch, batch: event.batch, step: event.step, learningRate: event.learningRate,
        batchLosses: recent(state.batchLosses, event.loss), samplesPerSecond: state.epochMs === null ? event.samplesPerSecond : state.samplesPerSecond,
      };
    case 'layerStats':
      return {
        ...state,
        layers: {
          latest: event.layers,
          deltaNorms: event.layers.map((l, i) => recent(state.layers.deltaNorms[i] ?? [], l.deltaNorm)),
          gradNorms: event.layers.map((l, i) => recent(state.layers.gradNorms[i] ?? [], l.gradNorm)),
        },
      };
    case 'epochEnd': {
      const epochMs = state.epochMs === null ? event.epochMs : 0.8 * state.epochMs + 0.2 * event.epochMs;
      const trainSize = state.run?.trainSize ?? 0;
      const point: EpochPoint = { epoch: event.epoch, trainLoss: event.trainLoss, learningRate: event.learningRate, ...(event.validation ? { validationLoss: event.validation.loss } : {}) };
      return {
        ...state, ...withEpoch(state, point), epoch: event.epoch, epochsDone: event.epoch, batch: state.run?.batchesPerEpoch ?? state.batch,
        learningRate: event.learningRate, elapsedMs: event.elapsedMs, epochMs,
        samplesPerSecond: epochMs > 0 && trainSize > 0 ? (trainSize * 1000) / epochMs : state.samplesPerSecond,
        train: event.train, validation: event.validation ?? null,
      };
    }
    case 'predictionSnapshot': {
      const { type: _type, ...fit } = event;
      return { ...state, fit };
    }
    case 'confusionMatrix': {
      const { type: _type, ...confusion } = event;
      return { ...state, confusion, ...(event.split === 'train' ? { trainAccuracy: accuracyOf(event.matrix) } : {}) };
    }
    case 'boundary': {
      const { type: _type, ...boundary } = event;
      return { ...state, boundary };
    }
    case 'unitActivations': {
      const { type: _type, ...units } = event;
      return { ...state, units };
    }
    case 'control': {
      const text = event.command === 'setLearningRate' ? `learning rate → ${event.learningRate.toPrecision(3)}` : event.command;
      return { ...state, status: event.state, learningRate: event.learningRate, log: logged(state, 'info', text) };
    }
    case 'checkpoint':
      return { ...state, log: logged(state, 'info', `checkpoint (${event.reason}) → ${event.path}`) };
    case 'earlyStop':
      return { ...state, log: logged(state, 'warn', `early stop: ${event.monitor} best ${event.best.toPrecision(4)} at epoch ${event.bestEpoch}`) };
    case 'restoredBest':
      return { ...state, log: logged(state, 'info', `restored best weights of epoch ${event.bestEpoch} (${event.monitor} ${event.best.toPrecision(4)})`) };
    case 'divergence':
      return { ...state, log: logged(state, 'error', `${event.loss} loss (${event.cause}, ${event.action}): ${event.message}`) };
    case 'runEnd': {
      const { type: _type, ...end } = event;
      const status: RunStatus = event.reason === 'stopped' ? 'stopped' : 'done';
      return { ...state, status, end, elapsedMs: event.elapsedMs, log: logged(state, event.reason === 'diverged' ? 'error' : 'info', `run ended: ${event.reason} after ${formatCompleted(event.epochs, event.batch)}, ${plural(event.steps, 'step')}`) };
    }
    case 'app':
      return {
        ...state, log: logged(state, event.level, event.text),
        ...(event.paused !== undefined || event.speed !== undefined
          ? { replay: { paused: event.paused ?? state.replay?.paused ?? false, speed: event.speed ?? state.replay?.speed ?? 1 } }
          : {}),
        ...(event.modelPath ? { modelPath: event.modelPath } : {}),
      };
    default:
      return assertNever(event);
  }
}

/** Share of the counts on the diagonal of a confusion matrix (rows = true class). */
function accuracyOf(matrix: readonly (readonly number[])[]): number {
  let correct = 0;
  let total = 0;
  matrix.forEach((row, i) => row.forEach((count, j) => {
    total += count;
    if (i === j) correct += count;
  }));
  return total > 0 ? correct / total : 0;
}
