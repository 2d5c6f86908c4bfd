import type { Spec } from 'vega';
import type { LrSweepPoint } from '@clearprop/training';

/**
 * Vega spec of a learning-rate sweep: each batch's loss (dots) and the smoothed loss (line) against the rate on a
 * log axis, with a vertical rule at the suggested rate when there is one. The loss axis spans the smoothed curve
 * and the batch losses up to its top; the blow-up's batch losses above it are clipped (they would flatten the rest).
 */
export function lrFindChartSpec(points: readonly LrSweepPoint[], suggestedLr: number | null, title: string): Spec {
  const rows = points.flatMap((p) => [{ lr: p.lr, loss: p.loss, series: 'batch loss' }, { lr: p.lr, loss: p.smoothed, series: 'smoothed' }]).filter((r) => Number.isFinite(r.loss));
  const top = Math.max(...points.map((p) => p.smoothed).filter(Number.isFinite), 0);
  const bottom = Math.min(...rows.map((r) => r.loss), top);
  return {
    $schema: 'https://vega.github.io/schema/vega/v5.json',
    width: 560, height: 320, padding: 8, background: 'white',
    title: { text: title },
    data: [
      { name: 'rows', values: rows },
      { name: 'batches', source: 'rows', transform: [{ type: 'filter', expr: "datum.series === 'batch loss'" }] },
      { name: 'smoothed', source: 'rows', transform: [{ type: 'filter', expr: "datum.series === 'smoothed'" }, { type: 'collect', sort: { field: 'lr' } }] },
      { name: 'suggestion', values: suggestedLr === null ? [] : [{ lr: suggestedLr, text: `suggested ${Number(suggestedLr.toPrecision(2))}` }] },
    ],
    scales: [
      { name: 'x', type: 'log', domain: { data: 'rows', field: 'lr' }, range: 'width', nice: false },
      { name: 'y', type: 'linear', domain: rows.length > 0 ? [bottom, top] : [0, 1], range: 'height', nice: true, zero: false },
      { name: 'color', type: 'ordinal', domain: ['batch loss', 'smoothed'], range: ['#9ecae9', '#1f77b4'] },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'learning rate (log)', format: '~e' },
      { orient: 'left', scale: 'y', title: 'loss', grid: true },
    ],
    legends: [{ stroke: 'color', orient: 'top-left', symbolType: 'stroke' }],
    marks: [
      { type: 'symbol', from: { data: 'batches' }, clip: true, encode: { enter: { x: { scale: 'x', field: 'lr' }, y: { scale: 'y', field: 'loss' }, size: { value: 10 }, fill: { scale: 'color', value: 'batch loss' } } } },
      { type: 'line', from: { data: 'smoothed' }, encode: { enter: { x: { scale: 'x', field: 'lr' }, y: { scale: 'y', field: 'loss' }, stroke: { scale: 'color', value: 'smoothed' }, strokeWidth: { value: 2 } } } },
      { type: 'rule', from: { data: 'suggestion' }, encode: { enter: { x: { scale: 'x', field: 'lr' }, y: { value: 0 }, y2: { signal: 'height' }, stroke: { value: '#d62728' }, strokeDash: { value: [4, 3] } } } },
      { type: 'text', from: { data: 'suggestion' }, encode: { enter: { x: { scale: 'x', field: 'lr', offset: 4 }, y: { value: 12 }, text: { field: 'text' }, fill: { value: '#d62728' } } } },
    ],
  };
}
