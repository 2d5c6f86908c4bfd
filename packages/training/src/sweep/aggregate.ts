import type { FoldResult, Objective, RungValue, TrialPlan, TrialResult, TrialStatus } from './types.ts';

/** Mean and population standard deviation (numpy's default, as scikit-learn's cross_val_score reports). */
export function meanStd(values: readonly number[]): { readonly mean: number; readonly std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

// A trial is as bad as its worst fold.
const SEVERITY: readonly TrialStatus[] = ['done', 'earlyStopped', 'pruned', 'diverged', 'failed'];

/** What a trial's folds add up to, besides the plan, rungs and duration the caller knows. */
export interface TrialOutcome {
  readonly plan: TrialPlan;
  readonly folds: readonly FoldResult[];
  readonly rungs: readonly RungValue[];
  readonly durationMs: number;
  /** Set for a trial stopped at a rung: why (rank, cutoff). */
  readonly pruneReason?: string;
}

/**
 * Folds → one trial result: every final metric that all folds have, averaged (with its population std when
 * there are several folds); the objective is the mean of `<split>.<metric>`; the status the worst of the folds'
 * (done < earlyStopped < pruned < diverged < failed), with the first reason. A failed or diverged trial has no
 * objective.
 */
export function trialResult(outcome: TrialOutcome, objective: Objective): TrialResult {
  const { folds } = outcome;
  const status = folds.reduce<TrialStatus>((worst, f) => (SEVERITY.indexOf(f.status) > SEVERITY.indexOf(worst) ? f.status : worst), 'done');
  const keys = Object.keys(folds[0]?.metrics ?? {}).filter((key) => folds.every((f) => Number.isFinite(f.metrics[key])));
  const stats = Object.fromEntries(keys.map((key) => [key, meanStd(folds.map((f) => f.metrics[key]))]));
  const key = `${objective.split}.${objective.metric}`;
  const usable = status !== 'failed' && status !== 'diverged' && stats[key] !== undefined;
  const reason = status === 'pruned' ? outcome.pruneReason : folds.find((f) => f.status === status)?.reason;
  return {
    trial: outcome.plan.trial, params: outcome.plan.params, status, ...(reason === undefined ? {} : { reason }),
    objective: usable ? stats[key].mean : null,
    metrics: Object.fromEntries(keys.map((k) => [k, stats[k].mean])),
    ...(folds.length > 1 ? { std: Object.fromEntries([...keys.map((k) => [k, stats[k].std]), ...(usable ? [['objective', stats[key].std]] : [])]) } : {}),
    epochs: Math.max(0, ...folds.map((f) => f.epochs)), rungs: outcome.rungs, folds, durationMs: outcome.durationMs,
  };
}

/**
 * Trials best first: those that ran to their end (done, early-stopped), then pruned ones (judged on fewer epochs),
 * then those without an objective; within a group by objective in the objective's direction, ties by id. The
 * leaderboard's and best.json's order.
 */
export function rankTrials(results: readonly TrialResult[], mode: 'min' | 'max'): TrialResult[] {
  const group = (r: TrialResult) => (r.objective === null || Number.isNaN(r.objective) ? 2 : r.status === 'pruned' ? 1 : 0);
  return [...results].sort((a, b) => {
    if (group(a) !== group(b)) return group(a) - group(b);
    const [x, y] = [a.objective ?? 0, b.objective ?? 0];
    if (group(a) < 2 && x !== y) return mode === 'min' ? x - y : y - x;
    return a.trial - b.trial;
  });
}
