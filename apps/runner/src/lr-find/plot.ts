import { formatNumber, type LrSweepPoint } from '@clearprop/training';

/** Size of the terminal plot in cells (the plot area, without axis labels). */
export interface PlotSize {
  readonly width: number;
  readonly height: number;
}

const LABEL = 9;

/**
 * The sweep as a text plot for the terminal: smoothed loss (linear, top = highest) against the learning rate
 * (log scale, left = smallest), one `•` per column at the mean smoothed loss of the points that fall in it, the
 * suggested rate marked `▲` under the axis. The loss axis spans the curve up to its lowest point; the blow-up
 * after it is drawn as `↑` in the top row. Plain characters only, so it reads the same in a log file.
 */
export function lrPlot(points: readonly LrSweepPoint[], suggestedLr: number | null, size: PlotSize = { width: 60, height: 12 }): string[] {
  if (points.length === 0) return ['(no batches were run)'];
  const logs = points.map((p) => Math.log10(p.lr));
  const [xLow, xHigh] = [Math.min(...logs), Math.max(...logs)];
  const lowest = points.reduce((best, p, i) => (p.smoothed < points[best].smoothed ? i : best), 0);
  const yLow = points[lowest].smoothed;
  const yHigh = Math.max(...points.slice(0, lowest + 1).map((p) => p.smoothed), yLow + 1e-12);
  const column = (log: number) => Math.min(size.width - 1, Math.max(0, Math.round(((log - xLow) / (xHigh - xLow || 1)) * (size.width - 1))));
  const sums = new Float64Array(size.width);
  const counts = new Int32Array(size.width);
  points.forEach((p, i) => {
    sums[column(logs[i])] += p.smoothed;
    counts[column(logs[i])] += 1;
  });
  const grid = Array.from({ length: size.height }, () => Array<string>(size.width).fill(' '));
  for (let c = 0; c < size.width; c++) {
    if (counts[c] === 0) continue;
    const y = sums[c] / counts[c];
    if (y > yHigh) grid[0][c] = '↑';
    else grid[size.height - 1 - Math.round(((y - yLow) / (yHigh - yLow)) * (size.height - 1))][c] = '•';
  }
  const label = (r: number) => (r === 0 ? formatNumber(yHigh) : r === size.height - 1 ? formatNumber(yLow) : '');
  const lines = grid.map((row, r) => `${label(r).padStart(LABEL - 1)}${r === 0 || r === size.height - 1 ? '┤' : '│'}${row.join('')}`);
  lines.push(`${' '.repeat(LABEL - 1)}└${'─'.repeat(size.width)}`);
  const low = formatNumber(10 ** xLow);
  const high = formatNumber(10 ** xHigh);
  lines.push(`${' '.repeat(LABEL)}${low}${`learning rate (log)`.padStart(Math.floor(size.width / 2) + 9 - low.length).padEnd(size.width - low.length - high.length)}${high}`);
  if (suggestedLr !== null) {
    const at = column(Math.log10(suggestedLr));
    const mark = `▲ suggested ${formatNumber(suggestedLr)}`;
    lines.push(' '.repeat(LABEL + Math.min(at, size.width - 1)) + (at + mark.length > size.width + 12 ? `▲ (${formatNumber(suggestedLr)})` : mark));
  }
  return lines;
}
