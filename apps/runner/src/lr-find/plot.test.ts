import { describe, expect, it } from '@jest/globals';
import { lrPlot } from './plot.ts';

describe('lrPlot', () => {
  it('one dot per column on a log-rate axis, the loss axis up to the curve\'s lowest point, the blow-up as ↑, the suggestion marked', () => {
    // Rates 1…10⁴ land in columns 0…4; smoothed 4 3 2 1 then 8: the axis spans 1…4 (up to the minimum),
    // so 3 sits ⅔ up (row 1 of 0…3), 2 ⅓ up (row 2), and 8 is above it.
    const points = [4, 3, 2, 1, 8].map((smoothed, k) => ({ step: k + 1, lr: 10 ** k, loss: smoothed, smoothed }));
    const lines = lrPlot(points, 100, { width: 5, height: 4 });
    expect(lines.slice(0, 5)).toEqual([
      '       4┤•   ↑',
      '        │ •   ',
      '        │  •  ',
      '       1┤   • ',
      '        └─────',
    ]);
    expect(lines[6]).toBe(`${' '.repeat(11)}▲ suggested 100`);
    expect(lrPlot([], null)).toEqual(['(no batches were run)']);
  });
});
