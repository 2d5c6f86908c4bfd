import { describe, expect, it } from '@jest/globals';
import { boundarySnapshot } from '@clearprop/training/testing';
import { boundaryCells, cellRuns, unitCells } from './heatmap.ts';
import { layoutMaps } from './neuron-layout.ts';

// The snapshot: 8×4 grid over [0, 1]², P(b) = x at every cell, points train (0.1, 0.5) "a", (0.9, 0.5) "b",
// validation (0.5, 0.9) "b". Expected colours are worked out by hand in the comments: channel = 38 + (class − 38)·w
// from NEUTRAL #262626 (38, 38, 38) towards #4e79a7 (78, 121, 167) for "a" or #f28e2b (242, 142, 43) for "b",
// w = 0.15 + 0.85·confidence, confidence = (p_max − ½)/½.
const { type: _type, ...boundary } = boundarySnapshot(1);

describe('boundaryCells', () => {
  it('colour: ▀ cells whose halves are the class colour faded by confidence, points in a tint of their class', () => {
    const cells = boundaryCells(boundary, { width: 8, height: 2 }, 'color');
    expect(cells).toHaveLength(2);
    // Column c shows grid column c: P(b) = (c + ½)/8. The two halves agree (P does not depend on y).
    const map = (c: number) => ({ char: '▀', fg: cells[0][c].fg, bg: cells[0][c].bg });
    // c = 1: P(a) = 0.8125, confidence 0.625, w = 0.68125 → (65.25, 94.54, 125.88) → #415f7e.
    expect(map(1)).toEqual({ char: '▀', fg: '#415f7e', bg: '#415f7e' });
    // c = 3: P(a) = 0.5625, confidence 0.125, w = 0.25625 → (48.25, 59.27, 71.06) → #303b47: near the boundary, near neutral.
    expect(map(3)).toEqual({ char: '▀', fg: '#303b47', bg: '#303b47' });
    // c = 5: P(b) = 0.6875, confidence 0.375, w = 0.46875 → (133.63, 86.75, 40.34) → #865728.
    expect(map(5)).toEqual({ char: '▀', fg: '#865728', bg: '#865728' });
    // c = 7: P(b) = 0.9375, w = 0.89375 → (220.33, 130.95, 42.47) → #dc832a.
    expect(cells[0][7]).toEqual({ char: '▀', fg: '#dc832a', bg: '#dc832a' });
    // Points: (0.1, 0.5) → column ⌊0.1·8⌋ = 0, line ⌊(1 − 0.5)·2⌋ = 1; tint of #4e79a7 towards white by 0.55 = #afc3d7,
    // on the cell's colour (c = 0: w = 0.89375 → #4a7099).
    expect(cells[1][0]).toEqual({ char: '●', fg: '#afc3d7', bg: '#4a7099' });
    expect(cells[1][7]).toEqual({ char: '▲', fg: '#f9cca0', bg: '#dc832a' });
    // The validation point (0.5, 0.9) → column 4, line 0, hollow; the cell there is P(b) = 0.5625 → #5a4127.
    expect(cells[0][4]).toEqual({ char: '△', fg: '#f9cca0', bg: '#5a4127' });
  });

  it('monochrome: two classes shade by P(second class) in five steps ( ░▒▓█), points keep their shapes', () => {
    const rows = boundaryCells(boundary, { width: 8, height: 2 }, 'mono').map((row) => row.map((c) => c.char).join(''));
    // P(b) per column .0625 .1875 .3125 .4375 .5625 .6875 .8125 .9375 → ⌊5p⌋ = 0 0 1 2 2 3 4 4.
    expect(rows).toEqual(['  ░▒△▓██', '● ░▒▒▓█▲']);
    expect(boundaryCells(boundary, { width: 8, height: 2 }, 'mono').flat().every((c) => c.fg === undefined && c.bg === undefined)).toBe(true);
  });

  it('draws every n-th point when there are more than one per 4 cells', () => {
    // 3 points on 2×2 = 4 cells: one per ⌈3·4/4⌉ = 3 → only the first of each split.
    const chars = boundaryCells(boundary, { width: 2, height: 2 }, 'mono').flat().map((c) => c.char);
    expect(chars.filter((c) => '●▲△'.includes(c)).sort()).toEqual(['●', '△'].sort());
  });
});

describe('unitCells and the map layout', () => {
  // A 2×2 unit map, row 0 at the bottom: [−1, 0] below, [0.5, 1] above, on the peak 1.
  const grid = { columns: 2, rows: 2, offset: 0, peak: 1, signed: true };
  const values = [-1, 0, 0.5, 1];

  it('monochrome: −peak light … +peak dark, the top line is the top grid row', () => {
    expect(unitCells(values, grid, { width: 2, height: 2 }, 'mono').map((r) => r.map((c) => c.char).join(''))).toEqual(['▓█', ' ▒']);
    // A unit that is never negative (ReLU) shades from 0 (blank) to its peak: [0, 0.25] below, [0.5, 1] above.
    const relu = unitCells([0, 0.25, 0.5, 1], { ...grid, signed: false }, { width: 2, height: 2 }, 'mono');
    expect(relu.map((r) => r.map((c) => c.char).join(''))).toEqual(['▒█', ' ░']);
  });

  it('colour: positive towards #4e79a7, negative towards #f28e2b, two grid rows per ▀ cell', () => {
    // Cell 0: top 0.5 → half of #262626 → #4e79a7 = (58, 79.5, 102.5) → #3a5067; bottom −1 → #f28e2b.
    expect(unitCells(values, grid, { width: 2, height: 1 }, 'color')[0][0]).toEqual({ char: '▀', fg: '#3a5067', bg: '#f28e2b' });
    expect(cellRuns([{ char: 'a', fg: '#111111' }, { char: 'b', fg: '#111111' }, { char: 'c' }])).toEqual([{ text: 'ab', fg: '#111111' }, { text: 'c' }]);
  });

  it('picks the largest maps that fit every layer, else the smallest and as many as fit', () => {
    // 16 + 16 units in 98 × 20: a layer takes rows·(h + 1) lines (title, maps, a blank line between rows).
    // 12 wide (3 lines, 7 a row) needs 2·3·4 = 24; 10 wide (3 lines, 9 a row) needs 2·2·4 = 16.
    expect(layoutMaps([16, 16], 98, 20)).toEqual({ width: 10, height: 3, gap: 1, perRow: 9, shown: [16, 16] });
    // 8 units in 78 × 16: 20 wide (5 lines, 3 a row) needs 3·6 = 18; 16 wide (4 lines, 4 a row) needs 2·5 = 10.
    expect(layoutMaps([8], 78, 16)).toEqual({ width: 16, height: 4, gap: 1, perRow: 4, shown: [8] });
    // 300 + 300 units in 40 × 10: 4-wide maps, 8 a row; 9 lines for the first layer, none left for the second.
    expect(layoutMaps([300, 300], 40, 10)).toEqual({ width: 4, height: 1, gap: 0, perRow: 8, shown: [72, 0] });
  });
});
