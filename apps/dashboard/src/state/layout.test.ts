import { describe, expect, it } from '@jest/globals';
import { VIEWS } from './keymap.ts';
import { CHROME_ROWS, computeLayout, MIN_COLUMNS, MIN_ROWS, type Layout, type PanelName } from './layout.ts';

const panels = (layout: Layout): PanelName[] => layout.rows.flat().map((slot) => slot.panel);
const slot = (layout: Layout, panel: PanelName) => layout.rows.flat().find((s) => s.panel === panel);

describe('computeLayout', () => {
  it('fits 80×24 with two spare rows and every panel shown', () => {
    const layout = computeLayout(MIN_COLUMNS, MIN_ROWS, 'overview', 3);
    expect(layout.tooSmall).toBe(false);
    expect(layout.rows.map((row) => row.map((s) => [s.panel, s.width, s.height]))).toEqual([
      [['loss', 44, 8], ['fit', 36, 8]],
      [['layers', 54, 7], ['metrics', 26, 7]],
      [['log', 80, 3]],
    ]);
    expect(3 + 8 + 7 + 3 + 1).toBe(MIN_ROWS - 2);
  });

  it('every view at every size from 80×24 to 240×80, 1 to 40 layers: rows exactly as wide as the terminal, the body exactly as tall as it may be', () => {
    const problems: string[] = [];
    for (const view of VIEWS) {
      for (let columns = MIN_COLUMNS; columns <= 240; columns += 7) {
        for (let rows = MIN_ROWS; rows <= 80; rows += 3) {
          for (const [layers, metricsRows] of [1, 2, 3, 5, 8, 13, 21, 40].flatMap((l) => [[l, 0], [l, 9]])) {
            const layout = computeLayout(columns, rows, view, layers, metricsRows);
            const where = `${view} ${columns}×${rows} ${layers} layers, ${metricsRows} metric rows`;
            for (const row of layout.rows) {
              const width = row.reduce((sum, s) => sum + s.width, 0);
              if (width !== columns) problems.push(`${where}: a row is ${width} wide`);
              // Side-by-side panels are equally tall, so their bottom borders line up.
              if (new Set(row.map((s) => s.height)).size !== 1) problems.push(`${where}: uneven row`);
            }
            const height = layout.rows.reduce((sum, row) => sum + row[0].height, 0);
            if (height !== rows - CHROME_ROWS) problems.push(`${where}: body ${height} tall`);
            if (layout.rows.flat().some((s) => s.height < 3)) problems.push(`${where}: a panel under 3 rows`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('re-flows for a bigger terminal, zooms one panel per view, keeps the charts and log visible however deep the model, and flags a too-small terminal', () => {
    expect(slot(computeLayout(160, 50, 'overview', 3), 'loss')?.height).toBeGreaterThan(slot(computeLayout(80, 24, 'overview', 3), 'loss')?.height ?? 0);
    expect(computeLayout(100, 30, 'loss', 3).rows).toEqual([[{ panel: 'loss', width: 100, height: 24 }]]);
    expect(panels(computeLayout(100, 30, 'fit', 3))).toEqual(['fit']);
    expect(panels(computeLayout(100, 30, 'log', 3))).toEqual(['log']);
    // The layers view stacks the table over the metrics (side by side, two full-width panels garbled the screen).
    expect(computeLayout(100, 30, 'layers', 3).rows).toEqual([[{ panel: 'layers', width: 100, height: 7 }], [{ panel: 'metrics', width: 100, height: 17 }]]);
    expect(computeLayout(80, 24, 'layers', 40).rows).toEqual([[{ panel: 'layers', width: 80, height: 18 }]]);
    const deep = computeLayout(80, 24, 'overview', 40);
    expect(slot(deep, 'loss')?.height).toBeGreaterThanOrEqual(6);
    expect(slot(deep, 'log')?.height).toBeGreaterThanOrEqual(3);
    expect(computeLayout(79, 24, 'overview', 3).tooSmall).toBe(true);
    expect(computeLayout(80, 23, 'overview', 3).tooSmall).toBe(true);
  });

  it('makes room for the metric rows a run asks for (penalty, F1, AUC), as far as the charts and the log allow', () => {
    expect(slot(computeLayout(100, 30, 'overview', 2), 'metrics')?.height).toBe(7);
    expect(slot(computeLayout(100, 30, 'overview', 2, 6), 'metrics')?.height).toBe(10);
    const small = computeLayout(MIN_COLUMNS, MIN_ROWS, 'overview', 2, 9);
    expect([slot(small, 'loss')?.height, slot(small, 'metrics')?.height, slot(small, 'log')?.height]).toEqual([6, 9, 3]);
  });
});
