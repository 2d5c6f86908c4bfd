// @jsxRuntime automatic
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import { brailleChart } from '../charts/braille.ts';
import { formatNumber } from '../charts/format.ts';
import type { DashboardState } from '../state/dashboard-state.ts';
import { Chart } from './Chart.tsx';
import { Panel } from './Panel.tsx';

/** Props of FitPlot. */
export interface FitPlotProps {
  readonly fit: NonNullable<DashboardState['fit']>;
  readonly width: number;
  readonly height: number;
}

const LABEL_WIDTH = 8;
/** Series colours: target, prediction. */
export const FIT_COLORS = ['gray', 'yellow'] as const;

/** Target vs prediction on the x grid of a 1-D regression (the seed's sin figure), updated with each snapshot. */
export const FitPlot = memo(function FitPlot({ fit, width, height }: FitPlotProps) {
  const chartHeight = height - 3;
  const chart = useMemo(() => {
    // Predictions far off (early epochs, divergence) would squash the target to a flat line: clamp the axis to
    // the target's range plus as much again.
    const [low, high] = extent(fit.target);
    const [pLow, pHigh] = extent(fit.prediction.filter(Number.isFinite));
    const spread = high - low;
    const yRange = [Math.max(Math.min(low, pLow), low - spread), Math.min(Math.max(high, pHigh), high + spread)] as const;
    return brailleChart([{ x: fit.x, y: fit.target }, { x: fit.x, y: fit.prediction }], { width: width - 2 - LABEL_WIDTH, height: chartHeight, yRange });
  }, [fit, width, chartHeight]);
  if (height < 5) return null;
  return (
    <Panel title={`fit · epoch ${fit.epoch}`} width={width} height={height}>
      <Chart chart={chart} colors={FIT_COLORS} labelWidth={LABEL_WIDTH} />
      <Box>
        <Text wrap="truncate">
          <Text color={FIT_COLORS[0]}>━ target</Text>
          <Text color={FIT_COLORS[1]}>  ━ prediction</Text>
          <Text color="gray">  x {formatNumber(chart.xMin)}…{formatNumber(chart.xMax)}</Text>
        </Text>
      </Box>
    </Panel>
  );
});

function extent(values: readonly number[]): readonly [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max && max > min ? [min, max] : [min - 1, min + 1];
}
