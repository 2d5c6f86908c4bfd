import type { Spec } from 'vega';

/** Target and prediction over a 1-D input grid (a `predictionSnapshot` event). */
export interface FitData {
  readonly x: readonly number[];
  readonly target: readonly number[];
  readonly prediction: readonly number[];
}

/** Vega spec of target vs prediction for 1-D regression: the seed blog's sin figure (target dots, prediction line). */
export function fitChartSpec(data: FitData, title: string): Spec {
  const rows = data.x.flatMap((x, i) => [
    { x, y: data.target[i], series: 'target' },
    { x, y: data.prediction[i], series: 'prediction' },
  ]).filter((r) => Number.isFinite(r.y));
  return {
    $schema: 'https://vega.github.io/schema/vega/v5.json',
    width: 560, height: 320, padding: 8, background: 'white',
    title: { text: title },
    data: [
      { name: 'points', values: rows },
      { name: 'target', source: 'points', transform: [{ type: 'filter', expr: "datum.series === 'target'" }] },
      { name: 'prediction', source: 'points', transform: [{ type: 'filter', expr: "datum.series === 'prediction'" }, { type: 'collect', sort: { field: 'x' } }] },
    ],
    scales: [
      { name: 'x', type: 'linear', domain: { data: 'points', field: 'x' }, range: 'width', zero: false, nice: false },
      { name: 'y', type: 'linear', domain: { data: 'points', field: 'y' }, range: 'height', nice: true, zero: false },
      { name: 'color', type: 'ordinal', domain: ['target', 'prediction'], range: ['#1f77b4', '#d62728'] },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'x' },
      { orient: 'left', scale: 'y', title: 'y', grid: true },
    ],
    legends: [{ fill: 'color', orient: 'top-right' }],
    marks: [
      { type: 'symbol', from: { data: 'target' }, encode: { enter: { x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'y' }, size: { value: 12 }, fill: { scale: 'color', value: 'target' } } } },
      { type: 'line', from: { data: 'prediction' }, encode: { enter: { x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'y' }, stroke: { scale: 'color', value: 'prediction' }, strokeWidth: { value: 2 } } } },
    ],
  };
}
