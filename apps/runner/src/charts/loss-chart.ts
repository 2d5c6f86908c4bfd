import type { Spec } from 'vega';

/** One point of the loss chart. */
export interface LossPoint {
  /** 1-based epoch. */
  readonly epoch: number;
  readonly split: 'train' | 'validation';
  readonly loss: number;
}

/**
 * Vega spec of train (and validation) loss per epoch; log y axis when every loss is positive.
 * Non-finite losses are dropped (a diverged epoch would otherwise flatten the chart).
 */
export function lossChartSpec(points: readonly LossPoint[], title: string): Spec {
  const values = points.filter((p) => Number.isFinite(p.loss));
  const log = values.length > 0 && values.every((p) => p.loss > 0);
  return {
    $schema: 'https://vega.github.io/schema/vega/v5.json',
    width: 560, height: 320, padding: 8, background: 'white',
    title: { text: title },
    data: [{ name: 'loss', values: values.map((p) => ({ ...p })) }],
    scales: [
      { name: 'x', type: 'linear', domain: { data: 'loss', field: 'epoch' }, range: 'width', zero: false, nice: false },
      { name: 'y', type: log ? 'log' : 'linear', domain: { data: 'loss', field: 'loss' }, range: 'height', nice: true, zero: false },
      { name: 'color', type: 'ordinal', domain: ['train', 'validation'], range: ['#1f77b4', '#ff7f0e'] },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'epoch', tickMinStep: 1 },
      { orient: 'left', scale: 'y', title: 'loss', grid: true },
    ],
    legends: [{ stroke: 'color', orient: 'top-right', symbolType: 'stroke' }],
    marks: [{
      type: 'group',
      from: { facet: { name: 'series', data: 'loss', groupby: 'split' } },
      marks: [{
        type: 'line',
        from: { data: 'series' },
        encode: { enter: { x: { scale: 'x', field: 'epoch' }, y: { scale: 'y', field: 'loss' }, stroke: { scale: 'color', field: 'split' }, strokeWidth: { value: 2 } } },
      }],
    }],
  };
}
