import type { Objective, RungValue, TrialStatus } from './types.ts';

/**
 * What a sweep reports, one JSON object per line in sweep.ndjson (and to subscribers). Grammar:
 * sweepStart (trialStart | trialEpoch | trialRung | trialEnd)* sweepEnd? — a resumed sweep appends a new
 * sweepStart (with `resumed`) to the same log. Epochs are 1-based; trial ids start at 1.
 */
export type SweepEvent =
  | {
      readonly type: 'sweepStart';
      readonly name: string;
      readonly sweepId: string;
      readonly trials: number;
      readonly objective: Objective;
      readonly space: readonly string[];
      /** Epochs at which successive halving decides, empty without pruning. */
      readonly rungs: readonly number[];
      readonly maxEpochs: number;
      readonly cv: number | null;
      readonly parallel: number;
      /** `local` (worker threads) or the Redis queue's address. */
      readonly runner: string;
      /** Trials already finished when a resumed sweep starts. */
      readonly resumed: readonly number[];
    }
  | { readonly type: 'trialStart'; readonly trial: number; readonly params: Readonly<Record<string, unknown>> }
  /** The objective after an epoch (mean over folds once every fold has finished it). */
  | { readonly type: 'trialEpoch'; readonly trial: number; readonly epoch: number; readonly value: number }
  | {
      readonly type: 'trialRung';
      readonly trial: number;
      readonly epoch: number;
      readonly value: number;
      readonly decision: 'continue' | 'prune';
      readonly rank: number;
      readonly of: number;
      readonly keep: number;
      readonly cutoff: number;
      /** In words, e.g. "validation.loss 0.91 is not in the best 1 of 2 at epoch 4 (cutoff 0.31)". */
      readonly message: string;
    }
  | {
      readonly type: 'trialEnd';
      readonly trial: number;
      readonly params: Readonly<Record<string, unknown>>;
      readonly status: TrialStatus;
      readonly objective: number | null;
      readonly objectiveStd: number | null;
      readonly epochs: number;
      readonly reason: string | null;
      readonly rungs: readonly RungValue[];
      readonly durationMs: number;
    }
  | {
      readonly type: 'sweepEnd';
      readonly trials: number;
      readonly counts: Readonly<Record<TrialStatus, number>>;
      /** The best trial's id, or null when no trial has an objective. */
      readonly best: number | null;
      readonly bestObjective: number | null;
      readonly elapsedMs: number;
    };

/** The sweep event types. */
export type SweepEventType = SweepEvent['type'];
