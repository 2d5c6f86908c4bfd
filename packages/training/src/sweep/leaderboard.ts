import { formatDuration, formatNumber } from '../describe/format-event.ts';
import { rankTrials } from './aggregate.ts';
import type { Objective, SearchSpace, TrialResult } from './types.ts';

/** Options for formatLeaderboard. */
export interface LeaderboardOptions {
  readonly objective: Objective;
  readonly space: SearchSpace;
  /** Rows shown (the best ones). @defaultValue 10 */
  readonly top?: number;
}

/** A parameter value for a table: numbers to 4 significant digits, anything else as JSON. */
export function formatParam(value: unknown): string {
  return typeof value === 'number' ? formatNumber(value) : typeof value === 'string' ? value : JSON.stringify(value);
}

/** `0.9667 ± 0.0211` with cross-validation, else `0.9667`; `–` for a trial without an objective. */
export function formatObjective(result: TrialResult): string {
  if (result.objective === null) return '–';
  const std = result.std?.objective;
  return std === undefined ? formatNumber(result.objective) : `${formatNumber(result.objective)} ± ${formatNumber(std)}`;
}

/**
 * The leaderboard as text lines: a header naming the objective, then rank, trial, objective (± std), epochs,
 * status, duration and the trial's parameters, best first (see rankTrials), padded into columns.
 */
export function formatLeaderboard(results: readonly TrialResult[], options: LeaderboardOptions): string[] {
  const { objective, space } = options;
  const ranked = rankTrials(results, objective.mode).slice(0, options.top ?? 10);
  const header = ['#', 'trial', `${objective.split}.${objective.metric} (${objective.mode})`, 'epochs', 'status', 'time', ...space.map((s) => s.path)];
  const rows = ranked.map((r, i) => [
    String(i + 1), String(r.trial), formatObjective(r), String(r.epochs), r.status, formatDuration(r.durationMs), ...space.map((s) => formatParam(r.params[s.path])),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => (c < 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}
