/** How the neuron view lays out small maps: each `width` × `height` cells, `perRow` in a row with 1-cell gaps, rows 1 line apart. */
export interface MapLayout {
  readonly width: number;
  readonly height: number;
  /** Blank lines between rows of maps. */
  readonly gap: number;
  readonly perRow: number;
  /** Maps shown of each layer (all of them when the layout fits). */
  readonly shown: readonly number[];
}

const MAP_WIDTHS = [32, 24, 20, 16, 12, 10, 8, 6, 4] as const;

/**
 * The largest maps (of a 2:1 grid: a `w`-cell map is w/4 lines, two grid rows per line) for which every layer —
 * a title line, then its maps row by row with a blank line between rows — fits `width` × `height` cells; at the
 * smallest size (one line, no blank lines), the maps that do not fit are left out (the view says how many).
 */
export function layoutMaps(units: readonly number[], width: number, height: number): MapLayout {
  const linesFor = (w: number, h: number, perRow: number) => units.reduce((n, u) => n + Math.ceil(u / perRow) * (h + 1), 0);
  for (const w of MAP_WIDTHS) {
    const h = Math.max(1, Math.round(w / 4));
    const perRow = Math.floor((width + 1) / (w + 1));
    if (perRow >= 1 && linesFor(w, h, perRow) <= height) return { width: w, height: h, gap: 1, perRow, shown: units };
  }
  const w = MAP_WIDTHS[MAP_WIDTHS.length - 1];
  const perRow = Math.max(1, Math.floor((width + 1) / (w + 1)));
  let left = height;
  const shown = units.map((u) => {
    if (left <= 1) return 0;
    const rows = Math.min(Math.ceil(u / perRow), left - 1);
    left -= 1 + rows;
    return Math.min(u, rows * perRow);
  });
  return { width: w, height: 1, gap: 0, perRow, shown };
}
