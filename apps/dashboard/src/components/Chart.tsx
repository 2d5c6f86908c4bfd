// @jsxRuntime automatic
import { Box, Text } from 'ink';
import type { BrailleChart } from '../charts/braille.ts';
import { fit, formatNumber } from '../charts/format.ts';

/** Props of Chart. */
export interface ChartProps {
  readonly chart: BrailleChart;
  /** One colour per series index. */
  readonly colors: readonly string[];
  /** Columns for the y-axis labels. */
  readonly labelWidth: number;
  /** The y axis is log10 (the mid label is then the geometric mean). @defaultValue false */
  readonly log?: boolean;
}

/** Renders a braille chart with its y-axis labels (max on top, min at the bottom, mid-range in between). */
export function Chart({ chart, colors, labelWidth, log = false }: ChartProps) {
  const rows = chart.rows.length;
  const mid = Math.floor((rows - 1) / 2);
  const label = (r: number): string => {
    if (r === 0) return formatNumber(chart.yMax);
    if (r === rows - 1) return formatNumber(chart.yMin);
    if (r === mid && rows >= 5) {
      const middle = log ? Math.sqrt(chart.yMin * chart.yMax) : (chart.yMin + chart.yMax) / 2;
      // A symmetric axis has its middle at a rounding error from 0: show 0, not 9.87e-4.
      return formatNumber(!log && Math.abs(middle) < (chart.yMax - chart.yMin) * 1e-3 ? 0 : middle);
    }
    return '';
  };
  return (
    <Box flexDirection="column">
      {chart.rows.map((runs, r) => (
        <Text key={r} wrap="truncate">
          <Text color="gray">{fit(label(r), labelWidth - 1, 'right')}{r === 0 || r === rows - 1 || (r === mid && rows >= 5) ? '┤' : '│'}</Text>
          {runs.map((run, i) => (
            <Text key={i} color={run.series >= 0 ? colors[run.series] : undefined}>{run.text}</Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
