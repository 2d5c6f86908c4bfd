import { rankTrials, type Objective, type SweepEvent, type TrialResult, type TrialStatus } from '@clearprop/training';

/** One trial as the sweep view knows it. */
export interface TrialView {
  readonly trial: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly status: 'running' | TrialStatus;
  /** The objective per epoch so far (mean over folds). */
  readonly curve: readonly { readonly epoch: number; readonly value: number }[];
  readonly objective: number | null;
  readonly objectiveStd: number | null;
  readonly epochs: number;
  readonly durationMs: number;
}

/** What the sweep view shows, derived from sweep events only. */
export interface SweepState {
  readonly name: string;
  readonly total: number;
  readonly objective: Objective | null;
  readonly space: readonly string[];
  readonly runner: string;
  readonly trials: Readonly<Record<number, TrialView>>;
  /** Newest last; at most LOG_LINES. */
  readonly log: readonly string[];
  readonly finished: boolean;
}

/** How many log lines the state keeps. */
export const LOG_LINES = 50;

/** The state before any event. */
export const initialSweepState: SweepState = { name: '', total: 0, objective: null, space: [], runner: '', trials: {}, log: [], finished: false };

const note = (state: SweepState, line: string): readonly string[] => [...state.log, line].slice(-LOG_LINES);

/** Folds one sweep event into the state (pure; a resumed sweep's second sweepStart keeps the trials seen so far). */
export function reduceSweep(state: SweepState, event: SweepEvent): SweepState {
  const trial = (id: number): TrialView => state.trials[id] ?? { trial: id, params: {}, status: 'running', curve: [], objective: null, objectiveStd: null, epochs: 0, durationMs: 0 };
  const put = (view: TrialView, line?: string): SweepState => ({ ...state, trials: { ...state.trials, [view.trial]: view }, ...(line ? { log: note(state, line) } : {}) });
  switch (event.type) {
    case 'sweepStart':
      return { ...state, name: event.name, total: event.trials, objective: event.objective, space: event.space, runner: event.runner, finished: false, log: note(state, `sweep started: ${event.trials} trials on ${event.runner}${event.resumed.length ? `, ${event.resumed.length} already done` : ''}`) };
    case 'trialStart':
      // A trial started again (its worker died) begins a new curve.
      return put({ ...trial(event.trial), params: event.params, status: 'running', curve: [] });
    case 'trialEpoch': {
      const view = trial(event.trial);
      return put({ ...view, curve: [...view.curve.filter((p) => p.epoch < event.epoch), { epoch: event.epoch, value: event.value }], epochs: event.epoch });
    }
    case 'trialRung':
      return event.decision === 'prune' ? { ...state, log: note(state, `trial ${event.trial} pruned at epoch ${event.epoch}: ${event.message}`) } : state;
    case 'trialEnd':
      return put(
        { ...trial(event.trial), params: event.params, status: event.status, objective: event.objective, objectiveStd: event.objectiveStd, epochs: event.epochs, durationMs: event.durationMs },
        `trial ${event.trial} ${event.status}${event.reason && event.status !== 'pruned' ? `: ${event.reason}` : ''}`,
      );
    case 'sweepEnd':
      return { ...state, finished: true, log: note(state, `sweep finished: best trial ${event.best ?? '–'}`) };
  }
}

/** Finished trials best first (as the runner's leaderboard), then running ones by id. */
export function leaderboardRows(state: SweepState): TrialView[] {
  const views = Object.values(state.trials);
  const done = views.filter((v) => v.status !== 'running');
  const asResults = done.map((v) => ({ ...v, status: v.status as TrialStatus, metrics: {}, rungs: [], folds: [] }) satisfies TrialResult);
  const ranked = state.objective ? rankTrials(asResults, state.objective.mode).map((r) => done.find((v) => v.trial === r.trial) as TrialView) : done;
  return [...ranked, ...views.filter((v) => v.status === 'running').sort((a, b) => a.trial - b.trial)];
}

/** The trials whose curves to draw: the running ones (newest last), else the best finished ones; at most `limit`. */
export function curveTrials(state: SweepState, limit: number): TrialView[] {
  const running = Object.values(state.trials).filter((v) => v.status === 'running' && v.curve.length > 0);
  if (running.length > 0) return running.sort((a, b) => a.trial - b.trial).slice(-limit);
  return leaderboardRows(state).filter((v) => v.curve.length > 0).slice(0, limit);
}
