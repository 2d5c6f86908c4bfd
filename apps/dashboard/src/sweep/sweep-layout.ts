/** A panel's size in cells. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Where the sweep view's panels go: the leaderboard across the top, curves and log side by side below. */
export interface SweepLayout {
  readonly width: number;
  readonly board: Size;
  readonly curves: Size;
  /** Null when the terminal is too narrow for the log beside the curves. */
  readonly log: Size | null;
}

// Header and footer lines.
const CHROME = 2;

/**
 * Lays out the sweep view for a terminal (80×24 up to 160×50 and beyond, at most 160 wide): the leaderboard gets
 * rows for the trials up to about 40% of the height (at least 6), the rest goes to the curves (≥ 60% of the width)
 * and the log. Pure.
 */
export function sweepLayout(columns: number, rows: number, trials: number): SweepLayout {
  const width = Math.min(columns, 160);
  const body = Math.max(rows - CHROME, 12);
  const board = { width, height: Math.max(6, Math.min(trials + 3, Math.floor(body * 0.4))) };
  const below = body - board.height;
  if (width < 100) return { width, board, curves: { width, height: below }, log: null };
  const curvesWidth = Math.floor(width * 0.62);
  return { width, board, curves: { width: curvesWidth, height: below }, log: { width: width - curvesWidth, height: below } };
}
