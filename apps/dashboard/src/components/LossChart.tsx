// @jsxRuntime automatic
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import { brailleChart } from '../charts/braille.ts';
import { formatNumber } from '../charts/format.ts';
import type { EpochPoint } from '../state/dashboard-state.ts';
import { Chart } from './Chart.tsx';
import { Panel } from './Panel.tsx';

/** Props of LossChart. */
export interface LossChartProps {
  readonly history: readonly EpochPoint[];
  readonly log: boolean;
  readonly width: number;
  readonly height: number;
}

const LABEL_WIDTH = 9;
/** Series colours: train, validation. */
export const LOSS_COLORS = ['cyan', 'magenta'] as const;

/**
 * Train and validation loss per epoch as a braille line chart, optionally on a log10 axis. The train curve is each
 * epoch's mean over its batches (labelled `train (mean)`), not an evaluation with the final weights.
 * Memoised: batches re-render the screen but not this chart, which changes only once per epoch.
 */
export const LossChart = memo(function LossChart({ history, log, width, height }: LossChartProps) {
  const chartHeight = height - 3;
  const chart = useMemo(() => {
    const x = history.map((p) => p.epoch);
    const series = [{ x, y: history.map((p) => p.trainLoss) }];
    if (history.some((p) => p.validationLoss !== undefined)) series.push({ x, y: history.map((p) => p.validationLoss ?? Number.NaN) });
    return brailleChart(series, { width: width - 2 - LABEL_WIDTH, height: chartHeight, log });
  }, [history, log, width, chartHeight]);
  if (height < 5) return null;
  const last = history[history.length - 1];
  return (
    <Panel title={`loss${log ? ' (log)' : ''}`} width={width} height={height}>
      <Chart chart={chart} colors={LOSS_COLORS} labelWidth={LABEL_WIDTH} log={log} />
      <Box>
        <Text wrap="truncate">
          <Text color={LOSS_COLORS[0]}>━ train (mean) {formatNumber(last?.trainLoss)}</Text>
          {last?.validationLoss !== undefined && <Text color={LOSS_COLORS[1]}>  ━ val {formatNumber(last.validationLoss)}</Text>}
          <Text color="gray">  epochs {history.length > 0 ? `${history[0].epoch}–${last.epoch}` : '–'}</Text>
        </Text>
      </Box>
    </Panel>
  );
});
