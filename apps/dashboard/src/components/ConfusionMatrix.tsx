// @jsxRuntime automatic
import { Box, Text } from 'ink';
import { memo } from 'react';
import { fit, formatPercent } from '../charts/format.ts';
import type { DashboardState } from '../state/dashboard-state.ts';
import { Panel } from './Panel.tsx';

/** Props of ConfusionMatrix. */
export interface ConfusionMatrixProps {
  readonly confusion: NonNullable<DashboardState['confusion']>;
  readonly width: number;
  readonly height: number;
}

/**
 * The confusion matrix of the latest snapshot: rows are true classes, columns predicted ones; the diagonal is
 * green, errors red, and each row ends with that class's recall. Rows that do not fit are summarised.
 */
export const ConfusionMatrix = memo(function ConfusionMatrix({ confusion, width, height }: ConfusionMatrixProps) {
  const { labels, matrix } = confusion;
  const max = Math.max(...matrix.flat(), 1);
  const cell = Math.max(String(max).length + 1, 4);
  const labelWidth = Math.min(Math.max(...labels.map((l) => l.length), 5), 10) + 1;
  const shownColumns = Math.max(Math.min(labels.length, Math.floor((width - 4 - labelWidth - 6) / cell)), 1);
  const shownRows = Math.max(Math.min(labels.length, height - 4), 1);
  const total = matrix.flat().reduce((a, b) => a + b, 0);
  const correct = matrix.reduce((a, row, i) => a + (row[i] ?? 0), 0);
  return (
    <Panel title={`confusion (${confusion.split === 'validation' ? 'val' : confusion.split}) ep ${confusion.epoch}`} width={width} height={height}>
      <Text color="gray" wrap="truncate">
        {fit(labelWidth > 9 ? 'true\\pred' : 'true', labelWidth)}
        {labels.slice(0, shownColumns).map((l) => fit(l, cell - 1, 'right') + ' ').join('')}
        {' recall'}
      </Text>
      {matrix.slice(0, shownRows).map((row, i) => {
        const rowTotal = row.reduce((a, b) => a + b, 0);
        return (
          <Box key={i}>
            <Text wrap="truncate">
              <Text color="gray">{fit(labels[i] ?? String(i), labelWidth)}</Text>
              {row.slice(0, shownColumns).map((count, j) => (
                <Text key={j} color={i === j ? 'green' : count > 0 ? 'red' : 'gray'} bold={i === j}>
                  {fit(String(count), cell - 1, 'right') + ' '}
                </Text>
              ))}
              <Text>{fit(rowTotal > 0 ? formatPercent(row[i] / rowTotal) : '–', 7, 'right')}</Text>
            </Text>
          </Box>
        );
      })}
      <Text color="gray" wrap="truncate">
        accuracy {formatPercent(total > 0 ? correct / total : undefined)} of {total}
        {shownRows < labels.length || shownColumns < labels.length ? ` · ${labels.length} classes, tab to zoom` : ''}
      </Text>
    </Panel>
  );
});
