// @jsxRuntime automatic
import { Text } from 'ink';
import { memo } from 'react';
import type { Metrics } from '@clearprop/training';
import { fit, formatNumber, formatPercent } from '../charts/format.ts';
import { sparkline } from '../charts/sparkline.ts';
import { Panel } from './Panel.tsx';

/** Props of MetricsPanel. */
export interface MetricsPanelProps {
  readonly train: Metrics | null;
  /** Training-set accuracy from a confusion snapshot, for runs whose epochs report no validation. */
  readonly trainAccuracy?: number | null;
  readonly validation: Metrics | null;
  /** Final test metrics, once the run has ended. */
  readonly test?: Metrics | null;
  readonly learningRate: number | null;
  /** Learning rate per epoch, for its sparkline. */
  readonly learningRates: readonly number[];
  readonly optimizer: string;
  readonly width: number;
  readonly height: number;
}

/** The latest epoch's metrics (loss, accuracy or MSE/R², train and validation) and the learning rate with its history. */
export const MetricsPanel = memo(function MetricsPanel({ train, trainAccuracy, validation, test, learningRate, learningRates, optimizer, width, height }: MetricsPanelProps) {
  const inner = width - 2;
  const name = 12;
  const rows: [string, string, string?][] = [];
  const add = (label: string, value: number | undefined, percent = false) => {
    if (value !== undefined) rows.push([label, percent ? formatPercent(value) : formatNumber(value)]);
  };
  add('train loss', train?.loss);
  add('train acc', train?.accuracy ?? trainAccuracy ?? undefined, true);
  add('val loss', validation?.loss);
  add('val acc', validation?.accuracy, true);
  add('val R²', validation?.r2);
  add('val MSE', validation?.mse);
  add('test loss', test?.loss);
  add('test acc', test?.accuracy, true);
  add('test R²', test?.r2);
  const lrSpark = Math.max(inner - name - 9, 0);
  const shown = rows.slice(0, Math.max(height - 4, 0));
  return (
    <Panel title="metrics" width={width} height={height}>
      {shown.length === 0 && <Text color="gray">after the first epoch…</Text>}
      {shown.map(([label, value]) => (
        <Text key={label} wrap="truncate">
          <Text color="gray">{fit(label, name)}</Text>
          {value}
        </Text>
      ))}
      <Text wrap="truncate">
        <Text color="gray">{fit('lr', name)}</Text>
        {fit(formatNumber(learningRate), 8)}
        <Text color="blue">{' ' + sparkline(learningRates, lrSpark, { log: true }).trimStart()}</Text>
      </Text>
      <Text color="gray" wrap="truncate">{optimizer}</Text>
    </Panel>
  );
});
