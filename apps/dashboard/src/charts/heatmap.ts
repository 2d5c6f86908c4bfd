import { activationColor, boundaryColor, CLASS_COLORS, CLASS_GLYPHS, cellClass, mixColors } from '@clearprop/training';
import type { DashboardState } from '../state/dashboard-state.ts';

/** Colour, or shade glyphs only (NO_COLOR, a terminal without colours). */
export type ColorMode = 'color' | 'mono';

/** One terminal cell of a heat map: a character with optional foreground and background colours (`#rrggbb`). */
export interface HeatCell {
  readonly char: string;
  readonly fg?: string;
  readonly bg?: string;
}

/** A map's size in terminal cells. */
export interface CellSize {
  readonly width: number;
  readonly height: number;
}

/** The boundary snapshot as the dashboard keeps it. */
export type BoundaryView = NonNullable<DashboardState['boundary']>;

/** The background the maps fade to: a dark grey, since terminals mostly are dark. */
export const NEUTRAL = '#262626';
/** Cells of map per point drawn on it, at least. */
export const POINT_DENSITY = 4;
/** Shade glyphs from light to dark, for the monochrome maps. */
export const SHADES = [' ', '░', '▒', '▓', '█'] as const;
/** Monochrome boundary glyph per class when there are more than two (confidence is not shown then). */
const MONO_CLASSES = [' ', '░', '▒', '▓', '█', '·', ':', '+', '=', '#'] as const;

/** What a map shows at grid cell (row i from the bottom, column j): a colour, and a glyph for monochrome. */
interface MapSource {
  readonly columns: number;
  readonly rows: number;
  color(i: number, j: number): string;
  shade(i: number, j: number): string;
}

/**
 * Samples a grid (row 0 at the bottom) onto `size` terminal cells, nearest cell centre. Colour: each terminal
 * cell is `▀` with the upper half as foreground and the lower as background, so a line holds two grid rows.
 * Monochrome: one grid row per line, as shade glyphs.
 */
function sampleMap(source: MapSource, size: CellSize, mode: ColorMode): HeatCell[][] {
  const column = (c: number) => Math.min(source.columns - 1, Math.floor(((c + 0.5) * source.columns) / size.width));
  const row = (r: number, of: number) => source.rows - 1 - Math.min(source.rows - 1, Math.floor(((r + 0.5) * source.rows) / of));
  return Array.from({ length: size.height }, (_, r) => Array.from({ length: size.width }, (_, c): HeatCell => {
    const j = column(c);
    if (mode === 'mono') return { char: source.shade(row(r, size.height), j) };
    return { char: '▀', fg: source.color(row(2 * r, 2 * size.height), j), bg: source.color(row(2 * r + 1, 2 * size.height), j) };
  }));
}

/**
 * The boundary map on `size` cells: each cell coloured by its most likely class, faded towards NEUTRAL as the
 * confidence drops (shade glyphs in monochrome: with two classes by P(second class) in five steps, else one
 * glyph per class), then the points on top — training points filled, validation points hollow, one shape per
 * class (CLASS_GLYPHS), in a light tint of the class colour; every n-th point of each split when there are more
 * than one per POINT_DENSITY cells.
 */
export function boundaryCells(boundary: BoundaryView, size: CellSize, mode: ColorMode): HeatCell[][] {
  const { x, y, probabilities, labels } = boundary;
  const classes = labels.length;
  const at = (i: number, j: number) => (i * x.length + j) * classes;
  const cells = sampleMap({
    columns: x.length, rows: y.length,
    color: (i, j) => boundaryColor(cellClass(probabilities, at(i, j), classes), NEUTRAL),
    shade: (i, j) => {
      if (classes === 2) return SHADES[Math.min(4, Math.floor(probabilities[at(i, j) + 1] * 5))];
      return MONO_CLASSES[cellClass(probabilities, at(i, j), classes).k % MONO_CLASSES.length];
    },
  }, size, mode);
  const [xLow, xHigh] = edges(x);
  const [yLow, yHigh] = edges(y);
  // At most one point per POINT_DENSITY cells, evenly spaced over each split, or they would hide the map.
  const total = boundary.points.train.x.length + boundary.points.validation.x.length;
  const stride = Math.max(1, Math.ceil((total * POINT_DENSITY) / (size.width * size.height)));
  for (const split of ['train', 'validation'] as const) {
    const points = boundary.points[split];
    points.x.forEach((px, n) => {
      if (n % stride !== 0) return;
      const c = Math.floor(((px - xLow) / (xHigh - xLow)) * size.width);
      const r = Math.floor(((yHigh - points.y[n]) / (yHigh - yLow)) * size.height);
      if (c < 0 || r < 0 || c >= size.width || r >= size.height) return;
      const k = points.label[n];
      const under = cells[r][c];
      const glyph = CLASS_GLYPHS[split][k % CLASS_GLYPHS[split].length];
      cells[r][c] = mode === 'mono' ? { char: glyph } : { char: glyph, fg: pointColor(k), bg: mixColors(under.fg ?? NEUTRAL, under.bg ?? NEUTRAL, 0.5) };
    });
  }
  return cells;
}

/** A point's colour: its class colour, lightened so it stands out on a region of the same class. */
export function pointColor(k: number): string {
  return mixColors(CLASS_COLORS[k % CLASS_COLORS.length], '#ffffff', 0.55);
}

/** Where a unit's map sits in a layer's values, and its scale. */
export interface UnitGrid {
  readonly columns: number;
  readonly rows: number;
  readonly offset: number;
  /** The largest |value| of the unit. */
  readonly peak: number;
  /** The unit takes negative values somewhere (else its monochrome shades start at 0). */
  readonly signed: boolean;
}

/**
 * One hidden unit's map: `values` [rows, columns] (row 0 at the bottom) on `size` cells, on the diverging scale of
 * activationColor over [−peak, peak]; monochrome: five shades from −peak (light) to +peak (dark), or from 0 to
 * +peak for a unit that is never negative (ReLU), so its dead region is blank.
 */
export function unitCells(values: ArrayLike<number>, grid: UnitGrid, size: CellSize, mode: ColorMode): HeatCell[][] {
  const value = (i: number, j: number) => values[grid.offset + i * grid.columns + j];
  const level = (v: number) => (grid.signed ? ((v / grid.peak + 1) / 2) * 4 : (v / grid.peak) * 4);
  return sampleMap({
    columns: grid.columns, rows: grid.rows,
    color: (i, j) => activationColor(value(i, j), grid.peak, NEUTRAL),
    shade: (i, j) => SHADES[grid.peak > 0 ? Math.min(4, Math.max(0, Math.round(level(value(i, j))))) : grid.signed ? 2 : 0],
  }, size, mode);
}

/** The outer edges of cell centres `centres` (ascending, evenly spaced): half a cell beyond the first and last. */
function edges(centres: readonly number[]): readonly [number, number] {
  const step = centres.length > 1 ? centres[1] - centres[0] : 1;
  return [centres[0] - step / 2, centres[centres.length - 1] + step / 2];
}

/** A row of cells as runs of equal colours (fewer Ink elements), with the text of each run. */
export function cellRuns(row: readonly HeatCell[]): { readonly text: string; readonly fg?: string; readonly bg?: string }[] {
  const runs: { text: string; fg?: string; bg?: string }[] = [];
  for (const cell of row) {
    const last = runs[runs.length - 1];
    if (last && last.fg === cell.fg && last.bg === cell.bg) last.text += cell.char;
    else runs.push({ text: cell.char, ...(cell.fg ? { fg: cell.fg } : {}), ...(cell.bg ? { bg: cell.bg } : {}) });
  }
  return runs;
}
