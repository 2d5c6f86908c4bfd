/** Formats a number in about 3 significant digits, switching to exponent notation outside [1e-3, 1e5). */
export function formatNumber(value: number | undefined | null): string {
  if (value === undefined || value === null) return '–';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(2).replace('e+', 'e');
  if (abs >= 100) return value.toFixed(1);
  return value.toPrecision(3);
}

/** Formats an integer with thousands separators: 12345 → "12,345". */
export function formatCount(value: number): string {
  return Math.round(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Formats a rate compactly: 950 → "950", 12345 → "12.3k", 1234567 → "1.23M". */
export function formatRate(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  if (value >= 1e6) return `${(value / 1e6).toPrecision(3)}M`;
  if (value >= 1e4) return `${(value / 1e3).toPrecision(3)}k`;
  return formatCount(value);
}

/** Formats milliseconds as `m:ss` (or `h:mm:ss`); "–" for unknown durations. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '–';
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Formats a fraction in [0, 1] as a whole percentage: 0.123 → "12%". */
export function formatPercent(fraction: number | undefined): string {
  return fraction === undefined || !Number.isFinite(fraction) ? '–' : `${Math.round(fraction * 100)}%`;
}

/** Pads or cuts `text` to exactly `width` columns (cut text ends with "…"). */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  if (text.length > width) return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
  return align === 'left' ? text.padEnd(width) : text.padStart(width);
}
