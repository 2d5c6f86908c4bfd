import type { Spec } from 'vega';

/** A confusion matrix: rows are true classes, columns predicted, in `labels` order. */
export interface ConfusionData {
  readonly labels: readonly string[];
  readonly matrix: readonly (readonly number[])[];
}

/** Vega spec of a confusion matrix heat map with the count in every cell. */
export function confusionChartSpec(data: ConfusionData, title: string): Spec {
  const cells = data.matrix.flatMap((row, i) => row.map((count, j) => ({ actual: data.labels[i] ?? String(i), predicted: data.labels[j] ?? String(j), count })));
  const max = Math.max(1, ...cells.map((c) => c.count));
  const size = Math.min(480, Math.max(160, 48 * data.labels.length));
  return {
    $schema: 'https://vega.github.io/schema/vega/v5.json',
    width: size, height: size, padding: 8, background: 'white',
    title: { text: title },
    data: [{ name: 'cells', values: cells }],
    scales: [
      { name: 'x', type: 'band', domain: [...data.labels], range: 'width' },
      { name: 'y', type: 'band', domain: [...data.labels], range: 'height' },
      { name: 'color', type: 'linear', domain: { data: 'cells', field: 'count' }, range: { scheme: 'blues' }, zero: true },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'predicted' },
      { orient: 'left', scale: 'y', title: 'actual' },
    ],
    marks: [
      {
        type: 'rect', from: { data: 'cells' },
        encode: { enter: { x: { scale: 'x', field: 'predicted' }, width: { scale: 'x', band: 1 }, y: { scale: 'y', field: 'actual' }, height: { scale: 'y', band: 1 }, fill: { scale: 'color', field: 'count' } } },
      },
      {
        type: 'text', from: { data: 'cells' },
        encode: { enter: {
          x: { scale: 'x', field: 'predicted', band: 0.5 }, y: { scale: 'y', field: 'actual', band: 0.5 },
          align: { value: 'center' }, baseline: { value: 'middle' }, text: { field: 'count' },
          fill: { signal: `datum.count > ${0.6 * max} ? 'white' : 'black'` },
        } },
      },
    ],
  };
}
