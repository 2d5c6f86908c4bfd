import type { Spec } from 'vega';
import { boundaryColor, cellClass, CLASS_COLORS, type TrainingEvent } from '@clearprop/training';
import { gridRgb, pngDataUrl } from './png.ts';

/** A boundary snapshot (the `boundary` event, or RunRecord.boundary). */
export type BoundaryData = Omit<Extract<TrainingEvent, { type: 'boundary' }>, 'type'>;

/** Vega symbol shapes per class, matching the dashboard's point glyphs (● ▲ ■ ◆ …). */
export const CLASS_SHAPES = ['circle', 'triangle-up', 'square', 'diamond', 'cross', 'triangle-down', 'triangle-left', 'triangle-right', 'wedge', 'stroke'] as const;

/** The outer edges of evenly spaced cell centres: half a cell beyond the first and the last. */
export function gridEdges(centres: readonly number[]): [number, number] {
  const step = centres.length > 1 ? centres[1] - centres[0] : 1;
  return [centres[0] - step / 2, centres[centres.length - 1] + step / 2];
}

/** Plot width and height in pixels for a plane of `xSpan` × `ySpan`, at equal units when that fits 240…560 high. */
export function plotSize(xSpan: number, ySpan: number, width = 480): { width: number; height: number } {
  return { width, height: Math.round(Math.min(560, Math.max(240, (width * ySpan) / xSpan))) };
}

/**
 * Vega spec of the decision boundary: the plane as an image, each cell the class colour faded to white as the
 * model's confidence drops (the boundary itself is white), training points filled with their class colour, validation points white
 * (one shape per class), axes titled with the feature names, a legend of the classes and of the splits.
 */
export function boundaryChartSpec(data: BoundaryData, title: string): Spec {
  const classes = data.labels.length;
  const rgb = gridRgb(data.x.length, data.y.length, (i, j) => boundaryColor(cellClass(data.probabilities, (i * data.x.length + j) * classes, classes), '#ffffff'));
  const [x0, x1] = gridEdges(data.x);
  const [y0, y1] = gridEdges(data.y);
  const size = plotSize(x1 - x0, y1 - y0);
  const points = (['train', 'validation'] as const).flatMap((split) =>
    data.points[split].x.map((x, n) => ({ x, y: data.points[split].y[n], label: data.labels[data.points[split].label[n]] ?? String(data.points[split].label[n]), split })));
  const labels = [...data.labels];
  return {
    $schema: 'https://vega.github.io/schema/vega/v5.json',
    ...size, padding: 8, background: 'white',
    title: { text: title },
    data: [{ name: 'points', values: points }],
    scales: [
      { name: 'x', type: 'linear', domain: [x0, x1], range: 'width', zero: false, nice: false },
      { name: 'y', type: 'linear', domain: [y0, y1], range: 'height', zero: false, nice: false },
      { name: 'color', type: 'ordinal', domain: labels, range: labels.map((_, k) => CLASS_COLORS[k % CLASS_COLORS.length]) },
      { name: 'shape', type: 'ordinal', domain: labels, range: labels.map((_, k) => CLASS_SHAPES[k % CLASS_SHAPES.length]) },
      { name: 'split', type: 'ordinal', domain: ['train', 'validation'], range: ['circle', 'circle'] },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: data.features[0] },
      { orient: 'left', scale: 'y', title: data.features[1] },
    ],
    legends: [
      { fill: 'color', shape: 'shape', title: 'class', orient: 'right', symbolStrokeColor: '#333', symbolStrokeWidth: 0.5 },
      {
        shape: 'split', title: 'points', orient: 'right',
        encode: { symbols: { update: { fill: { signal: "datum.value === 'train' ? '#777' : 'white'" }, stroke: { value: '#222' }, strokeWidth: { signal: "datum.value === 'train' ? 0.6 : 1.2" } } } },
      },
    ],
    marks: [
      {
        type: 'image',
        encode: { enter: {
          url: { value: pngDataUrl(data.x.length, data.y.length, rgb) }, x: { value: 0 }, y: { value: 0 }, width: { signal: 'width' }, height: { signal: 'height' },
          aspect: { value: false }, smooth: { value: true },
        } },
      },
      {
        type: 'symbol', from: { data: 'points' },
        encode: { enter: {
          x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'y' }, shape: { scale: 'shape', field: 'label' }, size: { value: 36 },
          fill: [{ test: "datum.split === 'train'", scale: 'color', field: 'label' }, { value: 'white' }],
          stroke: { value: '#222' },
          strokeWidth: [{ test: "datum.split === 'train'", value: 0.6 }, { value: 1.2 }],
        } },
      },
    ],
  };
}
