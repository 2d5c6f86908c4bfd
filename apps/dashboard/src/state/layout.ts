import type { View } from './keymap.ts';

/** The smallest terminal the dashboard lays out for. */
export const MIN_COLUMNS = 80;
/** The smallest terminal the dashboard lays out for. */
export const MIN_ROWS = 24;

/** A panel's outer size in cells (borders included). */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Where every panel goes for a terminal size and view; a zero height means the panel is not shown. */
export interface Layout {
  readonly width: number;
  readonly tooSmall: boolean;
  readonly loss: Size;
  readonly fit: Size;
  readonly layers: Size;
  readonly metrics: Size;
  readonly log: Size;
}

const HIDDEN: Size = { width: 0, height: 0 };
// Header (1) + progress (2) + footer (1), and two spare rows: Ink clears the whole screen on every frame whose
// height reaches the terminal's (flicker), and a stray line from a wrapper (`nx run` relays output through its
// own pseudo-terminal) must not scroll the header away.
const CHROME_ROWS = 6;

/**
 * Lays the panels out for `columns × rows`: charts side by side on top, layers and metrics below, the event
 * log at the bottom; a zoomed view gives its panel the whole body. Pure, so resizing just recomputes it.
 */
export function computeLayout(columns: number, rows: number, view: View, layerCount: number): Layout {
  const width = Math.max(columns, 20);
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  const body = Math.max(rows - CHROME_ROWS, 6);
  const whole: Size = { width, height: body };
  const none = { loss: HIDDEN, fit: HIDDEN, layers: HIDDEN, metrics: HIDDEN, log: HIDDEN };
  if (view === 'loss') return { width, tooSmall, ...none, loss: whole };
  if (view === 'fit') return { width, tooSmall, ...none, fit: whole };
  if (view === 'layers') return { width, tooSmall, ...none, layers: { width, height: Math.min(body, layerCount + 4) }, metrics: { width, height: Math.max(body - layerCount - 4, 0) } };
  if (view === 'log') return { width, tooSmall, ...none, log: whole };
  const lowerHeight = Math.max(layerCount + 3, 7);
  const spare = body - lowerHeight;
  const logHeight = Math.min(Math.max(3, Math.floor(spare / 4)), 8);
  const chartHeight = Math.max(spare - logHeight, 6);
  const lossWidth = Math.ceil(width * 0.55);
  const metricsWidth = Math.max(26, Math.floor(width * 0.3));
  return {
    width, tooSmall,
    loss: { width: lossWidth, height: chartHeight },
    fit: { width: width - lossWidth, height: chartHeight },
    layers: { width: width - metricsWidth, height: lowerHeight },
    metrics: { width: metricsWidth, height: lowerHeight },
    log: { width, height: logHeight },
  };
}
