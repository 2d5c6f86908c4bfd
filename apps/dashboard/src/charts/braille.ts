/** One line of a chart (or any 2-D series): points (x[i], y[i]), joined in order. */
export interface ChartSeries {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/** Options for brailleChart. */
export interface BrailleChartOptions {
  /** Width in terminal cells (2 dots each). */
  readonly width: number;
  /** Height in terminal cells (4 dots each). */
  readonly height: number;
  /** Plot log10(y); points with y ≤ 0 break the line. @defaultValue false */
  readonly log?: boolean;
  /** @defaultValue the data's x extent */
  readonly xRange?: readonly [number, number];
  /** @defaultValue the data's y extent (after log) */
  readonly yRange?: readonly [number, number];
}

/** A run of characters of one series (`series` is the index into the input, −1 for blank). */
export interface ChartRun {
  readonly text: string;
  readonly series: number;
}

/** A rendered chart: `height` rows of runs, plus the ranges it used (y in data units, even on a log scale). */
export interface BrailleChart {
  readonly rows: readonly (readonly ChartRun[])[];
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

// Dot bits of a braille cell, indexed [row 0..3][column 0..1] (Unicode U+2800 block layout).
const DOTS = [
  [0x01, 0x08],
  [0x02, 0x10],
  [0x04, 0x20],
  [0x40, 0x80],
];

const extent = (values: readonly number[]): [number, number] => {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return [0, 1];
  if (max - min < 1e-12) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    return [min - pad, max + pad];
  }
  return [min, max];
};

/**
 * Draws series as a braille line chart (2×4 dots per cell), consecutive points joined by Bresenham lines.
 * Pixel (0, 0) is the top-left; later series draw over earlier ones where they share a cell.
 * Pure: the same inputs give the same rows; it allocates one cell grid per call.
 */
export function brailleChart(series: readonly ChartSeries[], options: BrailleChartOptions): BrailleChart {
  const width = Math.max(1, Math.floor(options.width));
  const height = Math.max(1, Math.floor(options.height));
  const transform = (y: number) => (options.log ? (y > 0 ? Math.log10(y) : Number.NaN) : y);
  const ys = series.map((s) => s.y.map(transform));
  const [xMin, xMax] = options.xRange ?? extent(series.flatMap((s) => s.x));
  const [yLow, yHigh] = options.yRange ? [transform(options.yRange[0]), transform(options.yRange[1])] : extent(ys.flat());
  const bits = new Uint8Array(width * height);
  const owner = new Int16Array(width * height).fill(-1);
  const pw = width * 2;
  const ph = height * 4;
  const set = (px: number, py: number, s: number) => {
    if (px < 0 || py < 0 || px >= pw || py >= ph) return;
    const cell = (py >> 2) * width + (px >> 1);
    bits[cell] |= DOTS[py & 3][px & 1];
    owner[cell] = s;
  };
  const toPixel = (x: number, y: number): [number, number] => [
    Math.round(((x - xMin) / (xMax - xMin || 1)) * (pw - 1)),
    Math.round(((yHigh - y) / (yHigh - yLow || 1)) * (ph - 1)),
  ];
  series.forEach((s, index) => {
    let previous: [number, number] | null = null;
    for (let i = 0; i < s.x.length; i++) {
      const y = ys[index][i];
      if (!Number.isFinite(y) || !Number.isFinite(s.x[i])) {
        previous = null;
        continue;
      }
      const point = toPixel(s.x[i], y);
      if (previous) line(previous, point, (px, py) => set(px, py, index));
      else set(point[0], point[1], index);
      previous = point;
    }
  });
  const rows: ChartRun[][] = [];
  for (let r = 0; r < height; r++) {
    const runs: ChartRun[] = [];
    for (let c = 0; c < width; c++) {
      const cell = r * width + c;
      const char = bits[cell] === 0 ? ' ' : String.fromCharCode(0x2800 + bits[cell]);
      const last = runs[runs.length - 1];
      if (last && last.series === owner[cell]) runs[runs.length - 1] = { text: last.text + char, series: last.series };
      else runs.push({ text: char, series: owner[cell] });
    }
    rows.push(runs);
  }
  const back = (v: number) => (options.log ? 10 ** v : v);
  return { rows, xMin, xMax, yMin: back(yLow), yMax: back(yHigh) };
}

/** The chart rows as plain strings (colours dropped), for tests and text captures. */
export function chartText(chart: BrailleChart): string[] {
  return chart.rows.map((runs) => runs.map((run) => run.text).join(''));
}

function line(from: readonly [number, number], to: readonly [number, number], plot: (x: number, y: number) => void): void {
  let [x0, y0] = from;
  const [x1, y1] = to;
  const dx = Math.abs(x1 - x0);
  const dy = -Math.abs(y1 - y0);
  const sx = x0 < x1 ? 1 : -1;
  const sy = y0 < y1 ? 1 : -1;
  let error = dx + dy;
  for (;;) {
    plot(x0, y0);
    if (x0 === x1 && y0 === y1) return;
    const e2 = 2 * error;
    if (e2 >= dy) {
      error += dy;
      x0 += sx;
    }
    if (e2 <= dx) {
      error += dx;
      y0 += sy;
    }
  }
}
