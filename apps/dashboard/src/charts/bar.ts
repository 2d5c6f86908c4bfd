const PARTIAL = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * Draws a horizontal progress bar `width` cells wide for a fraction in [0, 1], with eighth-cell resolution:
 * `█` for done, a partial block at the edge, `░` for the rest.
 */
export function progressBar(fraction: number, width: number): string {
  if (width <= 0) return '';
  const f = Number.isFinite(fraction) ? Math.min(Math.max(fraction, 0), 1) : 0;
  const eighths = Math.round(f * width * 8);
  const full = Math.floor(eighths / 8);
  const partial = full < width ? PARTIAL[eighths % 8] : '';
  return '█'.repeat(full) + partial + '░'.repeat(width - full - (partial ? 1 : 0));
}
