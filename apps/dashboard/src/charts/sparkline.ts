const LEVELS = '▁▂▃▄▅▆▇█';

/** Options for sparkline. */
export interface SparklineOptions {
  /** Scale log10(values) instead (for norms spanning decades). @defaultValue false */
  readonly log?: boolean;
}

/**
 * Draws the last `width` values as one row of block characters ▁…█, scaled between their min and max.
 * Non-finite values (and non-positive ones on a log scale) are drawn as "·"; a flat series sits on ▄.
 */
export function sparkline(values: readonly number[], width: number, options: SparklineOptions = {}): string {
  if (width <= 0) return '';
  const shown = values.slice(-width);
  const scaled = shown.map((v) => (options.log ? (v > 0 ? Math.log10(v) : Number.NaN) : v));
  const finite = scaled.filter((v) => Number.isFinite(v));
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const line = scaled
    .map((v) => {
      if (!Number.isFinite(v)) return '·';
      if (max - min < 1e-12) return LEVELS[3];
      return LEVELS[Math.round(((v - min) / (max - min)) * (LEVELS.length - 1))];
    })
    .join('');
  return line.padStart(width);
}
