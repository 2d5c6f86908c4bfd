import { describe, expect, it } from '@jest/globals';
import { confusionChartSpec } from './confusion-chart.ts';
import { fitChartSpec } from './fit-chart.ts';
import { lossChartSpec } from './loss-chart.ts';
import { renderSvg } from './render-svg.ts';

describe('charts', () => {
  it('loss chart: log scale for positive losses, non-finite points dropped, renders to SVG with a line per split', async () => {
    const spec = lossChartSpec([
      { epoch: 1, split: 'train', loss: 1 }, { epoch: 2, split: 'train', loss: 0.1 }, { epoch: 2, split: 'train', loss: NaN },
      { epoch: 1, split: 'validation', loss: 1.2 }, { epoch: 2, split: 'validation', loss: 0.3 },
    ], 'demo');
    expect(spec.scales?.[1]).toMatchObject({ type: 'log' });
    expect((spec.data?.[0] as { values: unknown[] }).values).toHaveLength(4);
    const svg = await renderSvg(spec);
    expect(svg).toMatch(/^<svg/);
    expect(svg.match(/class="mark-line/g)).toHaveLength(2);
    expect(svg).toContain('demo');
    expect(lossChartSpec([{ epoch: 1, split: 'train', loss: -1 }], 'x').scales?.[1]).toMatchObject({ type: 'linear' });
  });

  it('fit chart: target points and a prediction line', async () => {
    const svg = await renderSvg(fitChartSpec({ x: [0, 1, 2], target: [0, 1, 0], prediction: [0.1, 0.9, 0.1] }, 'fit'));
    expect(svg).toContain('mark-symbol');
    expect(svg).toContain('mark-line');
  });

  it('confusion chart: one cell and one count per matrix entry', async () => {
    const svg = await renderSvg(confusionChartSpec({ labels: ['a', 'b'], matrix: [[5, 1], [0, 7]] }, 'cm'));
    expect(svg.match(/class="mark-rect/g)).toHaveLength(1);
    for (const count of ['5', '1', '0', '7']) expect(svg).toContain(`>${count}</text>`);
  });
});
