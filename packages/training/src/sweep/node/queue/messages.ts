import type { TrialResult } from '../../types.ts';
import type { TrialTask } from '../run-trial.ts';

/** What a trial job carries: the task without its folder (each worker picks its own scratch folder). */
export interface TrialJobData {
  readonly sweepId: string;
  readonly task: Omit<TrialTask, 'outDir'>;
}

/** Job progress: the latest epoch or rung question (progress is last-value, so a restarted coordinator sees it). */
export type TrialProgress =
  | { readonly kind: 'epoch'; readonly epoch: number; readonly value: number }
  | { readonly kind: 'rung'; readonly epoch: number; readonly value: number };

/** A finished job: the result and the trial's files (relative path → gzip, base64), for the coordinator's folder. */
export interface TrialJobResult {
  readonly result: TrialResult;
  readonly files: Readonly<Record<string, string>>;
  /** The worker that ran it, for the log. */
  readonly worker: string;
}
