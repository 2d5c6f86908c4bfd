import { describe, expect, it } from '@jest/globals';
import { inflateSync } from 'node:zlib';
import { crc32 } from '@clearprop/training';
import { boundarySnapshot } from '@clearprop/training/testing';
import { boundaryChartSpec } from './boundary-chart.ts';
import { neuronsChartSpec } from './neurons-chart.ts';
import { gridRgb, pngDataUrl } from './png.ts';
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

describe('boundary and neuron charts', () => {
  const { type: _type, ...boundary } = boundarySnapshot(9, { width: 8, height: 4 });

  it('png: signature, IHDR of the size, chunks with valid CRCs, rows top-down after a filter byte', () => {
    // A 2×2 image: top row red, green; bottom row blue, white. Grid row 0 is the bottom one.
    const colors = [['#0000ff', '#ffffff'], ['#ff0000', '#00ff00']];
    const rgb = gridRgb(2, 2, (i, j) => colors[i][j]);
    expect([...rgb]).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
    const bytes = Buffer.from(pngDataUrl(2, 2, rgb).replace('data:image/png;base64,', ''), 'base64');
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks: { type: string; data: Buffer }[] = [];
    for (let at = 8; at < bytes.length;) {
      const length = bytes.readUInt32BE(at);
      const type = bytes.subarray(at + 4, at + 8).toString('latin1');
      expect(bytes.readUInt32BE(at + 8 + length)).toBe(crc32(bytes.subarray(at + 4, at + 8 + length)));
      chunks.push({ type, data: bytes.subarray(at + 8, at + 8 + length) });
      at += 12 + length;
    }
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([...chunks[0].data]).toEqual([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
    expect([...inflateSync(chunks[1].data)]).toEqual([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  });

  it('boundary.svg: the map as one smooth image, a symbol per point, axes named after the features, legends', async () => {
    const spec = boundaryChartSpec(boundary, 'moons: boundary');
    // Two training points and one validation point (checked before Vega tags the objects).
    expect(((spec.data?.[0] as { values: unknown[] }).values)).toEqual([
      { x: 0.1, y: 0.5, label: 'a', split: 'train' }, { x: 0.9, y: 0.5, label: 'b', split: 'train' }, { x: 0.5, y: 0.9, label: 'b', split: 'validation' },
    ]);
    const svg = await renderSvg(spec);
    expect(svg.match(/<image [^>]*href="data:image\/png;base64,/g)).toHaveLength(1);
    const points = /<g class="mark-symbol role-mark"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? '';
    expect(points.match(/<path /g)).toHaveLength(3);
    for (const text of ['>x</text>', '>y</text>', '>class</text>', '>points</text>', '>validation</text>', '>a</text>', '>b</text>', 'moons: boundary']) expect(svg).toContain(text);
    // The plane is the cells' outer edges: 0…1 on both axes.
    expect(spec.scales?.[0]).toMatchObject({ domain: [0, 1] });
    expect(spec.scales?.[1]).toMatchObject({ domain: [0, 1] });
  });

  it('neurons.svg: one image per hidden unit, titled by layer, with a diverging colour legend', async () => {
    const svg = await renderSvg(neuronsChartSpec(boundary, 'moons: neurons'));
    expect(svg.match(/<image /g)).toHaveLength(2);
    expect(svg).toContain('layer 0 · tanh · 2 units');
    expect(svg).toContain('unit 0 · |a| ≤ 0.938');
    expect(svg).toContain('unit 1 · |a| ≤ 0.875');
    expect(svg).toContain('activation / max |a|');
  });
});
