import { observeRate, pauseRate, remainingMs, startRate, type RateEstimate } from '@clearprop/training';
import type { DashboardEvent, DashboardState } from './dashboard-state.ts';

/**
 * The ETA's share of the reducer: epochs finished against the run's own clock (`elapsedMs` of epochEnd, so the
 * time between epochs — evaluation, snapshots, a busy screen — counts, which `epochMs` leaves out), smoothed as
 * tqdm does (see observeRate). A pause restarts the clock, so the paused time is not taken for slow epochs.
 * `epochsDone` is the state's count after the event.
 */
export function nextEta(eta: RateEstimate | null, event: DashboardEvent, epochsDone: number): RateEstimate | null {
  switch (event.type) {
    case 'runStart': return startRate(epochsDone, 0);
    case 'epochEnd': return eta && observeRate(eta, epochsDone, event.elapsedMs);
    case 'control': return eta && event.state === 'paused' ? pauseRate(eta) : eta;
    default: return eta;
  }
}

/** Milliseconds left at the recent pace, or null before the pace is known and after the run. */
export function etaMs(state: DashboardState): number | null {
  if (!state.run || !state.eta || state.status === 'done' || state.status === 'stopped') return null;
  return remainingMs(state.eta, state.run.epochs - state.epochsDone);
}
