import type { View } from './keymap.ts';

/** The smallest terminal the dashboard lays out for. */
export const MIN_COLUMNS = 80;
/** The smallest terminal the dashboard lays out for. */
export const MIN_ROWS = 24;
/**
 * Rows that are not body: header (1) + progress (2) + footer (1), and two spare rows: Ink clears the whole screen
 * on every frame whose height reaches the terminal's (flicker), and a stray line from a wrapper (`nx run` relays
 * output through its own pseudo-terminal) must not scroll the header away.
 */
export const CHROME_ROWS = 6;

/** The panels of the body. */
export type PanelName = 'loss' | 'fit' | 'neurons' | 'layers' | 'metrics' | 'log';

/** A panel's place: its outer size in cells (borders included). */
export interface Slot {
  readonly panel: PanelName;
  readonly width: number;
  readonly height: number;
}

/**
 * Where every panel goes for a terminal size and view: the body is a column of rows, each row a left-to-right
 * run of slots whose widths add up to `width`; the rows' heights add up to the body height. A panel not in any
 * slot is not shown.
 */
export interface Layout {
  readonly width: number;
  readonly tooSmall: boolean;
  readonly rows: readonly (readonly Slot[])[];
}

// The smallest useful heights: a chart needs its borders, a few plot rows and its legend; the log one line.
const MIN_CHART = 6;
const MIN_LOG = 3;
const MIN_METRICS = 4;

/**
 * Lays the panels out for `columns × rows`: charts side by side on top, layers and metrics below, the event
 * log at the bottom; a zoomed view gives its panel the whole body (the layers view keeps the metrics under the
 * layer table). `metricsRows` asks for room for that many metric lines (penalty, F1, AUC). Pure, so resizing just
 * recomputes it.
 */
export function computeLayout(columns: number, rows: number, view: View, layerCount: number, metricsRows = 0): Layout {
  const width = Math.max(columns, 20);
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  const body = Math.max(rows - CHROME_ROWS, MIN_CHART + MIN_LOG + 7);
  const whole = (panel: PanelName): Layout['rows'] => [[{ panel, width, height: body }]];
  switch (view) {
    case 'loss': case 'fit': case 'neurons': return { width, tooSmall, rows: whole(view) };
    case 'log': return { width, tooSmall, rows: whole('log') };
    case 'layers': return { width, tooSmall, rows: layersView(width, body, layerCount) };
    case 'overview': return { width, tooSmall, rows: overview(width, body, { layerCount, metricsRows }) };
  }
}

/** The layer table as tall as its layers (borders + header + one row each), the metrics under it when they fit. */
function layersView(width: number, body: number, layerCount: number): Layout['rows'] {
  const table = Math.min(layerCount + 4, body);
  if (body - table < MIN_METRICS) return [[{ panel: 'layers', width, height: body }]];
  return [[{ panel: 'layers', width, height: table }], [{ panel: 'metrics', width, height: body - table }]];
}

function overview(width: number, body: number, lower: { readonly layerCount: number; readonly metricsRows: number }): Layout['rows'] {
  // The layer table and the metrics (their rows + borders + lr + optimizer) may not squeeze the charts and the log
  // below their minimum; extra rows are cut off.
  const lowerHeight = Math.min(Math.max(lower.layerCount + 3, 7, lower.metricsRows + 4), body - MIN_CHART - MIN_LOG);
  const spare = body - lowerHeight;
  const logHeight = Math.min(Math.max(MIN_LOG, Math.floor(spare / 4)), 8, spare - MIN_CHART);
  const chartHeight = spare - logHeight;
  const lossWidth = Math.ceil(width * 0.55);
  const metricsWidth = Math.max(26, Math.floor(width * 0.3));
  return [
    [{ panel: 'loss', width: lossWidth, height: chartHeight }, { panel: 'fit', width: width - lossWidth, height: chartHeight }],
    [{ panel: 'layers', width: width - metricsWidth, height: lowerHeight }, { panel: 'metrics', width: metricsWidth, height: lowerHeight }],
    [{ panel: 'log', width, height: logHeight }],
  ];
}
