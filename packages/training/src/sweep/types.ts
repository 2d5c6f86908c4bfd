import type { ExperimentConfig } from '../experiments/types.ts';

/** The values one config key takes in a search space (one of the four forms of the sweep file). */
export type Domain =
  | { readonly kind: 'choice'; readonly values: readonly unknown[] }
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
  | { readonly kind: 'loguniform'; readonly low: number; readonly high: number }
  | { readonly kind: 'int'; readonly low: number; readonly high: number };

/** A search space: dotted config path (array items by index, `model.layers.0.units`) → its domain, in file order. */
export type SearchSpace = readonly { readonly path: string; readonly domain: Domain }[];

/** How trials are drawn: the full product of the space, or `samples` seeded random draws. */
export type SearchMethod = { readonly method: 'grid' } | { readonly method: 'random'; readonly samples: number; readonly seed: number };

/** What a sweep optimizes: `<split>.<metric>` of the final metrics (e.g. `validation.accuracy`) and its direction. */
export interface Objective {
  readonly split: 'train' | 'validation';
  readonly metric: string;
  readonly mode: 'min' | 'max';
}

/** Asynchronous successive halving: rungs at minEpochs·reduction^k epochs, the best 1/reduction go on. */
export interface AshaSettings {
  readonly minEpochs: number;
  readonly reduction: number;
  /** The epochs of a trial that is never stopped (sets `epochs` of every trial). */
  readonly maxEpochs: number;
}

/** A parsed, validated sweep file. */
export interface SweepDefinition {
  readonly name: string;
  readonly description?: string;
  /** The base experiment after parsing, data paths absolute (so trials run anywhere the files are). */
  readonly base: ExperimentConfig;
  readonly space: SearchSpace;
  readonly search: SearchMethod;
  readonly objective: Objective;
  /** Trials at once; undefined means the caller's default (the core count). */
  readonly parallel?: number;
  readonly prune?: AshaSettings;
  /** k-fold cross-validation per trial. */
  readonly cv?: number;
}

/** One trial to run: its 1-based id and the value of each space path. */
export interface TrialPlan {
  readonly trial: number;
  readonly params: Readonly<Record<string, unknown>>;
}

/** How a trial ended. `pruned`: stopped by successive halving; `failed`: an error, named in `reason`. */
export type TrialStatus = 'done' | 'earlyStopped' | 'pruned' | 'diverged' | 'failed';

/** A rung reached by a trial: the objective (mean over folds) after `epoch` epochs. */
export interface RungValue {
  readonly epoch: number;
  readonly value: number;
}

/** One fold of a cross-validated trial (or the only run of a plain one). */
export interface FoldResult {
  readonly fold: number;
  readonly status: TrialStatus;
  readonly reason?: string;
  readonly epochs: number;
  /** Final metrics by `<split>.<metric>` (evaluated with the final weights). */
  readonly metrics: Readonly<Record<string, number>>;
}

/** The outcome of a trial, as trials.csv and best.json report it. */
export interface TrialResult {
  readonly trial: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly status: TrialStatus;
  readonly reason?: string;
  /** The objective (mean over folds with cv); null when the trial has none (failed, diverged). */
  readonly objective: number | null;
  /** Mean of each final metric over folds, by `<split>.<metric>`. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Population standard deviation over folds (cv only), by the same keys plus `objective`. */
  readonly std?: Readonly<Record<string, number>>;
  /** Epochs run (the most of any fold). */
  readonly epochs: number;
  readonly rungs: readonly RungValue[];
  readonly folds: readonly FoldResult[];
  /** Wall time of the trial; the one column that differs between otherwise identical sweeps. */
  readonly durationMs: number;
}
