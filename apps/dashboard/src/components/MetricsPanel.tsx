// @jsxRuntime automatic
import { Text } from 'ink';
import { memo } from 'react';
import type { Metrics } from '@clearprop/training';
import { fit, formatNumber, formatPercent } from '../charts/format.ts';
import { sparkline } from '../charts/sparkline.ts';
import { Panel } from './Panel.tsx';

/** Props of MetricsPanel. */
export interface MetricsPanelProps {
  /** The latest epoch's: its loss is the running mean over the epoch's batches. */
  readonly train: Metrics | null;
  /** Training-set accuracy from a train confusion snapshot, for runs whose epochs report no validation. */
  readonly trainAccuracy?: number | null;
  readonly validation: Metrics | null;
  /** runEnd's evaluation of each split with the final weights; shown instead of the epoch's metrics once there. */
  readonly final?: { readonly train?: Metrics; readonly validation?: Metrics; readonly test?: Metrics } | null;
  readonly learningRate: number | null;
  /** Learning rate per epoch, for its sparkline. */
  readonly learningRates: readonly number[];
  readonly optimizer: string;
  readonly width: number;
  readonly height: number;
}

/** One line of the panel: a label and its value. */
export type MetricsRow = readonly [label: string, value: string];
type Row = MetricsRow;
type Splits = NonNullable<MetricsPanelProps['final']>;

const SPLITS = [['train', 'train'], ['validation', 'val'], ['test', 'test']] as const;

/** Accuracy and macro F1 on one line (`95% / 0.941`), then ROC-AUC: what a classifier's split is judged by. */
function classificationRows(short: string, m: Metrics): Row[] {
  if (m.accuracy === undefined) return [];
  const rows: Row[] = [m.f1 === undefined ? [`${short} acc`, formatPercent(m.accuracy)] : [`${short} acc/F1`, `${formatPercent(m.accuracy)} / ${formatNumber(m.f1)}`]];
  if (m.auc !== undefined) rows.push([`${short} AUC`, formatNumber(m.auc)]);
  return rows;
}

/**
 * The latest epoch: the train loss is labelled as the epoch's mean, with the weight penalty added to it on the next
 * line; validation with all its metrics.
 */
function epochRows(train: Metrics | null, validation: Metrics | null, trainAccuracy: number | null): Row[] {
  const rows: Row[] = [];
  if (train) rows.push(['train (mean)', formatNumber(train.loss)]);
  if (train?.penalty !== undefined) rows.push(['+ penalty', formatNumber(train.penalty)]);
  if (validation) rows.push(['val loss', formatNumber(validation.loss)]);
  if (validation) rows.push(...classificationRows('val', validation));
  const accuracy = train?.accuracy ?? trainAccuracy;
  if (accuracy !== null && accuracy !== undefined) rows.push(['train acc', formatPercent(accuracy)]);
  if (validation?.r2 !== undefined) rows.push(['val R²', formatNumber(validation.r2)]);
  if (validation?.mse !== undefined) rows.push(['val MSE', formatNumber(validation.mse)]);
  return rows;
}

/**
 * The final evaluation: every split's loss first (they compare best side by side), then the accuracy / F1 and AUC
 * (or R²) of the held-out splits before the training set's, since a short panel shows only the first rows.
 */
function finalRows(final: Splits): Row[] {
  const present = SPLITS.flatMap(([key, short]) => (final[key] ? [[short, final[key]] as const] : []));
  const headline = ([short, m]: readonly [string, Metrics]): Row[] =>
    m.accuracy !== undefined ? classificationRows(short, m) : m.r2 !== undefined ? [[`${short} R²`, formatNumber(m.r2)]] : [];
  const heldOutFirst = [...present.filter(([short]) => short !== 'train'), ...present.filter(([short]) => short === 'train')];
  return [...present.map(([short, m]): Row => [`${short} loss`, formatNumber(m.loss)]), ...heldOutFirst.flatMap(headline)];
}

/** What the panel lists for these props: the final evaluation once there, else the latest epoch. */
export function metricsRows(props: Pick<MetricsPanelProps, 'train' | 'trainAccuracy' | 'validation' | 'final'>): readonly MetricsRow[] {
  const { final } = props;
  return final != null && Object.keys(final).length > 0 ? finalRows(final) : epochRows(props.train, props.validation, props.trainAccuracy ?? null);
}

/**
 * The rows the layout should make room for: all of them when the run has a weight penalty or classification
 * metrics beyond accuracy (F1, AUC), so those are never cut off; 0 otherwise (the layout's own minimum suffices).
 */
export function metricsRowsNeeded(props: Pick<MetricsPanelProps, 'train' | 'trainAccuracy' | 'validation' | 'final'>): number {
  const splits = [props.train, props.validation, props.final?.train, props.final?.validation, props.final?.test];
  const extra = splits.some((m) => m?.penalty !== undefined || m?.f1 !== undefined || m?.auc !== undefined);
  return extra ? metricsRows(props).length : 0;
}

/**
 * The latest epoch's metrics (loss and the weight penalty; accuracy, macro F1 and ROC-AUC or MSE/R², train and
 * validation) and the learning rate with its history. Two different train losses exist and are labelled apart:
 * during the run `train (mean)`, the mean over the epoch's batches as the weights moved; after it, under the title
 * `final weights`, runEnd's evaluation of every split with the weights the run ended with (what the runner's
 * summary prints).
 */
export const MetricsPanel = memo(function MetricsPanel({ train, trainAccuracy = null, validation, final, learningRate, learningRates, optimizer, width, height }: MetricsPanelProps) {
  const inner = width - 2;
  const isFinal = final != null && Object.keys(final).length > 0;
  const rows = metricsRows({ train, trainAccuracy, validation, final });
  const name = 14;
  const lrSpark = Math.max(inner - name - 9, 0);
  const shown = rows.slice(0, Math.max(height - 4, 0));
  return (
    <Panel title={isFinal ? 'final weights' : 'metrics'} width={width} height={height}>
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
