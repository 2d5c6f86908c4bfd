import type { Spec } from 'vega';
import { ACTIVATION_COLORS, activationColor } from '@clearprop/training';
import { gridEdges, type BoundaryData } from './boundary-chart.ts';
import { gridRgb, pngDataUrl } from './png.ts';

/** Maps per row of the neuron grid, at most. */
export const MAPS_PER_ROW = 8;
const MAP_WIDTH = 112;
const GAP = 10;
const LABEL = 16;
const TITLE = 26;

interface Placed {
  readonly x: number;
  readonly y: number;
  readonly url: string;
  readonly label: string;
}

/**
 * Vega spec of every hidden unit's activation over the boundary's plane (TensorFlow Playground's neuron view):
 * one small map per unit, layer by layer, negative orange, zero white, positive blue, each map on its own largest
 * |value| (a unit that is 0 everywhere stays white and says so), with the plane's aspect ratio.
 */
export function neuronsChartSpec(data: BoundaryData, title: string): Spec {
  const { hidden } = data;
  const [x0, x1] = gridEdges(hidden.x.length > 1 ? hidden.x : data.x);
  const [y0, y1] = gridEdges(hidden.y.length > 1 ? hidden.y : data.y);
  const mapHeight = Math.round(Math.min(160, Math.max(40, (MAP_WIDTH * (y1 - y0)) / (x1 - x0))));
  const columns = Math.min(MAPS_PER_ROW, Math.max(1, ...hidden.layers.map((l) => l.shown)));
  const cells = hidden.x.length * hidden.y.length;
  const maps: Placed[] = [];
  const titles: { x: number; y: number; text: string }[] = [];
  let top = 0;
  for (const layer of hidden.layers) {
    const omitted = layer.units - layer.shown;
    titles.push({ x: 0, y: top + 16, text: `layer ${layer.layer} · ${layer.activation} · ${layer.units} units${omitted > 0 ? ` (the first ${layer.shown} shown)` : ''}` });
    top += TITLE;
    for (let u = 0; u < layer.shown; u++) {
      let peak = 0;
      for (let i = u * cells; i < (u + 1) * cells; i++) peak = Math.max(peak, Math.abs(layer.values[i]));
      const rgb = gridRgb(hidden.x.length, hidden.y.length, (i, j) => activationColor(layer.values[u * cells + i * hidden.x.length + j], peak, '#ffffff'));
      const [column, row] = [u % columns, Math.floor(u / columns)];
      maps.push({
        x: column * (MAP_WIDTH + GAP), y: top + row * (mapHeight + LABEL + GAP) + LABEL,
        url: pngDataUrl(hidden.x.length, hidden.y.length, rgb), label: `unit ${u}${peak === 0 ? ' · 0 everywhere' : ` · |a| ≤ ${Number(peak.toPrecision(3))}`}`,
      });
    }
    top += Math.ceil(layer.shown / columns) * (mapHeight + LABEL + GAP);
  }
  return {
    $schema: 'https://vega.github.io/schema/vega/v5.json',
    width: columns * (MAP_WIDTH + GAP) - GAP, height: Math.max(top - GAP, 1), padding: 8, background: 'white',
    title: { text: title, subtitle: `x: ${data.features[0]} ${fmt(x0)}…${fmt(x1)} → · y: ${data.features[1]} ${fmt(y0)}…${fmt(y1)} ↑` },
    data: [{ name: 'maps', values: maps }, { name: 'titles', values: titles }],
    scales: [{ name: 'activation', type: 'linear', domain: [-1, 0, 1], range: [ACTIVATION_COLORS.negative, '#ffffff', ACTIVATION_COLORS.positive] }],
    legends: [{ fill: 'activation', type: 'gradient', title: 'activation / max |a|', orient: 'right', gradientLength: 120 }],
    marks: [
      { type: 'text', from: { data: 'titles' }, encode: { enter: { x: { field: 'x' }, y: { field: 'y' }, text: { field: 'text' }, fontSize: { value: 13 }, fontWeight: { value: 'bold' } } } },
      { type: 'text', from: { data: 'maps' }, encode: { enter: { x: { field: 'x' }, y: { field: 'y', offset: -4 }, text: { field: 'label' }, fontSize: { value: 10 }, fill: { value: '#444' } } } },
      {
        type: 'image', from: { data: 'maps' },
        encode: { enter: { url: { field: 'url' }, x: { field: 'x' }, y: { field: 'y' }, width: { value: MAP_WIDTH }, height: { value: mapHeight }, aspect: { value: false }, smooth: { value: true } } },
      },
      {
        type: 'rect', from: { data: 'maps' },
        encode: { enter: { x: { field: 'x' }, y: { field: 'y' }, width: { value: MAP_WIDTH }, height: { value: mapHeight }, stroke: { value: '#999' }, strokeWidth: { value: 0.5 } } },
      },
    ],
  };
}

const fmt = (v: number): string => String(Number(v.toPrecision(3)));
