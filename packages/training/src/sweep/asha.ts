import type { AshaSettings, RungValue } from './types.ts';

/**
 * The rung epochs of successive halving: round(minEpochs · reduction^k) for k = 0, 1, … below maxEpochs
 * (a trial that passes the last rung runs to maxEpochs). Example: 10, 3, 100 → [10, 30, 90].
 * @see Li et al., "A System for Massively Parallel Hyperparameter Tuning" (ASHA), MLSys 2020, https://arxiv.org/abs/1810.05934
 */
export function rungEpochs(settings: AshaSettings): number[] {
  const rungs: number[] = [];
  for (let k = 0; ; k++) {
    const epoch = Math.round(settings.minEpochs * settings.reduction ** k);
    if (epoch >= settings.maxEpochs) return rungs;
    if (rungs.at(-1) !== epoch) rungs.push(epoch);
  }
}

/** Whether a trial goes on past a rung, and the numbers behind it. */
export interface RungDecision {
  readonly promote: boolean;
  /** 1-based rank of the trial among the `of` values at this rung (ties rank in its favour). */
  readonly rank: number;
  readonly of: number;
  /** How many may go on: max(1, ⌊of / reduction⌋). */
  readonly keep: number;
  /** The worst value that still goes on (the keep-th best). */
  readonly cutoff: number;
}

/**
 * Decides a trial at a rung from its value and the values of the trials it is compared with: it goes on when its
 * rank is within the best max(1, ⌊n / reduction⌋) of the n values (Optuna's successive-halving rule; a lone
 * trial always goes on). A NaN value never goes on.
 */
export function decideRung(value: number, others: readonly number[], options: { readonly mode: 'min' | 'max'; readonly reduction: number }): RungDecision {
  const better = (a: number, b: number) => (options.mode === 'min' ? a < b : a > b);
  const all = [value, ...others].filter((v) => !Number.isNaN(v)).sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  const of = others.length + 1;
  const keep = Math.max(1, Math.floor(of / options.reduction));
  const rank = Number.isNaN(value) ? of : 1 + others.filter((other) => !Number.isNaN(other) && better(other, value)).length;
  return { promote: !Number.isNaN(value) && rank <= keep, rank, of, keep, cutoff: all[Math.min(keep, all.length) - 1] ?? Number.NaN };
}

/**
 * What the sweep knows about rungs so far: each trial's rung values and which trials have ended. Plain data;
 * recordRung / recordEnd return updated copies.
 */
export interface RungTable {
  readonly values: Readonly<Record<number, readonly RungValue[]>>;
  readonly ended: readonly number[];
}

/** An empty rung table. */
export const emptyRungTable = (): RungTable => ({ values: {}, ended: [] });

/** The table with `trial`'s value at a rung added (idempotent: a re-run trial reports the same value). */
export function recordRung(table: RungTable, trial: number, rung: RungValue): RungTable {
  const known = table.values[trial] ?? [];
  if (known.some((r) => r.epoch === rung.epoch)) return table;
  return { ...table, values: { ...table.values, [trial]: [...known, rung] } };
}

/** The table with `trial` marked as ended (however it ended). */
export function recordEnd(table: RungTable, trial: number): RungTable {
  return table.ended.includes(trial) ? table : { ...table, ended: [...table.ended, trial] };
}

/**
 * Decides `trial` at the rung `epoch`, comparing it with the trials of lower id only, so the decision is the same
 * whatever the parallelism (it is the decision a one-at-a-time sweep makes). Returns undefined while a lower trial
 * has neither reached this rung nor ended; a trial that ended before the rung is left out.
 */
export function rungDecision(table: RungTable, trial: number, epoch: number, options: { readonly mode: 'min' | 'max'; readonly reduction: number }): RungDecision | undefined {
  const value = table.values[trial]?.find((r) => r.epoch === epoch)?.value;
  if (value === undefined) return undefined;
  const others: number[] = [];
  for (let lower = 1; lower < trial; lower++) {
    const reached = table.values[lower]?.find((r) => r.epoch === epoch);
    if (reached) others.push(reached.value);
    else if (!table.ended.includes(lower)) return undefined;
  }
  return decideRung(value, others, options);
}
