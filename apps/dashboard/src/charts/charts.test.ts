import { describe, expect, it } from '@jest/globals';
import { progressBar } from './bar.ts';
import { brailleChart, chartText } from './braille.ts';
import { fit, formatCount, formatDuration, formatNumber, formatRate } from './format.ts';
import { sparkline } from './sparkline.ts';

describe('brailleChart', () => {
  it('draws y = x across 2×1 cells as the dots ⡠⠊ (a rising line, bottom-left to top-right)', () => {
    const chart = brailleChart([{ x: [0, 1, 2, 3], y: [0, 1, 2, 3] }], { width: 2, height: 1 });
    expect(chartText(chart)).toEqual(['⡠⠊']);
    expect([chart.xMin, chart.xMax, chart.yMin, chart.yMax]).toEqual([0, 3, 0, 3]);
  });

  it('joins points with lines: a falling series starts in the top row and ends in the bottom row, one cell per column', () => {
    const y = [8, 7, 6, 5, 4, 3, 2, 1];
    const text = chartText(brailleChart([{ x: y.map((_, i) => i), y }], { width: 8, height: 4 }));
    expect(text).toHaveLength(4);
    expect(text[0][0]).not.toBe(' ');
    expect(text[3][7]).not.toBe(' ');
    expect(text[0].trimEnd().length).toBeLessThanOrEqual(3);
    expect(text[3].trimStart().length).toBeLessThanOrEqual(3);
    // Every column has ink somewhere: the line is continuous.
    for (let c = 0; c < 8; c++) expect(text.some((row) => row[c] !== ' ')).toBe(true);
  });

  it('on a log axis, equal ratios are equal heights: 1000, 100, 10, 1 fall by one row each', () => {
    const chart = brailleChart([{ x: [0, 1, 2, 3], y: [1000, 100, 10, 1] }], { width: 4, height: 4, log: true });
    const text = chartText(chart);
    const rowOf = (column: number) => text.findIndex((row) => row[column] !== ' ');
    expect([0, 1, 2, 3].map(rowOf)).toEqual([0, 1, 2, 3]);
    expect(chart.yMin).toBeCloseTo(1);
    expect(chart.yMax).toBeCloseTo(1000);
  });

  it('marks which series owns each run, later series on top, and breaks lines at NaN', () => {
    const chart = brailleChart([{ x: [0, 1], y: [0, 0] }, { x: [0, 1], y: [1, 1] }], { width: 1, height: 1 });
    expect(chart.rows[0]).toEqual([{ text: expect.any(String), series: 1 }]);
    const gap = chartText(brailleChart([{ x: [0, 1, 2, 3, 4, 5], y: [1, 1, Number.NaN, Number.NaN, 1, 1] }], { width: 3, height: 1, yRange: [0, 2] }));
    expect(gap[0][1]).toBe(' ');
  });
});

describe('sparkline, progressBar, format', () => {
  it('scales a series between its min and max and keeps the last `width` values', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8], 8)).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8], 4)).toBe('▁▃▆█');
    expect(sparkline([2, 2], 4)).toBe('  ▄▄');
    expect(sparkline([1, 10, 100], 3, { log: true })).toBe('▁▅█');
    expect(sparkline([1, Number.NaN], 2)).toBe('▄·');
  });

  it('fills a bar in eighths', () => {
    expect(progressBar(0, 4)).toBe('░░░░');
    expect(progressBar(0.5, 4)).toBe('██░░');
    expect(progressBar(1, 4)).toBe('████');
    expect(progressBar(1 / 16, 4)).toBe('▎░░░');
  });

  it('formats numbers, counts, durations and fixed-width cells', () => {
    expect([formatNumber(0.012345), formatNumber(123.45), formatNumber(2e-5), formatNumber(Number.NaN), formatNumber(undefined)]).toEqual(['0.0123', '123.5', '2.00e-5', 'NaN', '–']);
    expect(formatCount(1234567)).toBe('1,234,567');
    expect([formatRate(950), formatRate(12345), formatRate(1234567)]).toEqual(['950', '12.3k', '1.23M']);
    expect([formatDuration(61_000), formatDuration(3_723_000), formatDuration(null)]).toEqual(['1:01', '1:02:03', '–']);
    expect([fit('abcdef', 4), fit('ab', 4, 'right')]).toEqual(['abc…', '  ab']);
  });
});
