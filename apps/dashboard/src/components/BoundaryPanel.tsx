// @jsxRuntime automatic
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import { CLASS_GLYPHS } from '@clearprop/training';
import { boundaryCells, cellRuns, pointColor, type BoundaryView, type ColorMode } from '../charts/heatmap.ts';
import { formatNumber } from '../charts/format.ts';
import { Panel } from './Panel.tsx';

/** Props of BoundaryPanel. */
export interface BoundaryPanelProps {
  readonly boundary: BoundaryView;
  readonly width: number;
  readonly height: number;
  /** @defaultValue 'color' */
  readonly mode?: ColorMode;
}

/**
 * The decision boundary of a 2-D classification (TensorFlow Playground's picture): the plane coloured by the most
 * likely class, faded where the network is unsure, the training points (filled) and validation points (hollow) on
 * top; the legend names the classes and the two feature axes with their ranges.
 */
export const BoundaryPanel = memo(function BoundaryPanel({ boundary, width, height, mode = 'color' }: BoundaryPanelProps) {
  // A second legend line (the axes) when the map keeps at least 6 lines.
  const legendLines = height - 3 >= 7 ? 2 : 1;
  const size = { width: Math.max(width - 2, 1), height: Math.max(height - 2 - legendLines, 1) };
  const rows = useMemo(() => boundaryCells(boundary, size, mode).map(cellRuns), [boundary, size.width, size.height, mode]);
  if (height < 5) return null;
  const { x, y, features, labels } = boundary;
  const axes = `→ ${features[0]} ${formatNumber(x[0])}…${formatNumber(x[x.length - 1])}   ↑ ${features[1]} ${formatNumber(y[0])}…${formatNumber(y[y.length - 1])}`;
  return (
    <Panel title={`boundary · epoch ${boundary.epoch}`} width={width} height={height}>
      {rows.map((runs, r) => (
        <Text key={r} wrap="truncate">
          {runs.map((run, i) => <Text key={i} color={run.fg} backgroundColor={run.bg}>{run.text}</Text>)}
        </Text>
      ))}
      <Box>
        <Text wrap="truncate">
          {labels.map((label, k) => (
            <Text key={k} color={mode === 'color' ? pointColor(k) : undefined}>{`${CLASS_GLYPHS.train[k % CLASS_GLYPHS.train.length]} ${label}  `}</Text>
          ))}
          <Text color="gray">{`${CLASS_GLYPHS.validation.slice(0, Math.min(labels.length, 3)).join('')} validation`}</Text>
          {legendLines === 1 ? <Text color="gray">{`   ${axes}`}</Text> : null}
        </Text>
      </Box>
      {legendLines === 2 ? <Text color="gray" wrap="truncate">{axes}</Text> : null}
    </Panel>
  );
});
