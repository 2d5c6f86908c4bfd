import type { Observable } from 'rxjs';
import type { DashboardEvent } from '../state/dashboard-state.ts';
import type { DashboardMode, SourceCommand } from '../state/keymap.ts';

/** Where the dashboard's events come from, and how keys reach it. */
export interface DashboardSource {
  readonly mode: DashboardMode;
  /** Cold: subscribing starts the run, the tail or the replay. The App subscribes once. */
  readonly events$: Observable<DashboardEvent>;
  /** Pause, resume, learning rate, checkpoint (train) or speed (replay); ignored where it means nothing. */
  send(command: SourceCommand): void;
  /**
   * Ends the source: for a run in this process, stops training at the next batch and writes the final model.
   * Resolves with a line to print after the terminal is restored (e.g. the model path), or null.
   */
  quit(): Promise<string | null>;
}
