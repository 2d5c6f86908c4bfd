import type { SearchSpace, TrialResult } from './types.ts';

const SPLITS = ['train', 'validation', 'test'];

/** One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A parameter or metric as a cell: numbers in their shortest exact form, strings as they are, anything else as JSON. */
export function cellOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The metric keys of a set of results in a fixed order: by split (train, validation, test), loss first, then by name. */
export function metricKeys(results: readonly TrialResult[]): string[] {
  const keys = new Set(results.flatMap((r) => Object.keys(r.metrics)));
  const order = (key: string) => {
    const [split, metric] = key.split('.');
    return [SPLITS.indexOf(split), metric === 'loss' ? '' : metric] as const;
  };
  return [...keys].sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0);
  });
}

/**
 * trials.csv: one row per trial in id order — `trial`, one column per space path, `objective` (and
 * `objective_std` with cv), every final metric as `<split>_<metric>` (mean over folds, and `…_std` with cv),
 * `epochs`, `status`, `reason`, `duration_ms`. Everything but duration_ms is the same for the same sweep file
 * and seed, whatever the parallelism.
 */
export function trialsCsv(space: SearchSpace, results: readonly TrialResult[], options: { readonly cv: boolean }): string {
  const metrics = metricKeys(results);
  const column = (key: string) => key.replace('.', '_');
  const header = ['trial', ...space.map((s) => s.path), 'objective', ...(options.cv ? ['objective_std'] : []),
    ...metrics.flatMap((m) => (options.cv ? [column(m), `${column(m)}_std`] : [column(m)])), 'epochs', 'status', 'reason', 'duration_ms'];
  const rows = [...results].sort((a, b) => a.trial - b.trial).map((r) => [
    String(r.trial), ...space.map((s) => cellOf(r.params[s.path])), cellOf(r.objective), ...(options.cv ? [cellOf(r.std?.objective)] : []),
    ...metrics.flatMap((m) => (options.cv ? [cellOf(r.metrics[m]), cellOf(r.std?.[m])] : [cellOf(r.metrics[m])])),
    String(r.epochs), r.status, r.reason ?? '', String(Math.round(r.durationMs)),
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}
