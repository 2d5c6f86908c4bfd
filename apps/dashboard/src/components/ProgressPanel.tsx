// @jsxRuntime automatic
import { Box, Text } from 'ink';
import { progressBar } from '../charts/bar.ts';
import { fit, formatCount, formatDuration, formatRate } from '../charts/format.ts';

/** Props of ProgressPanel. */
export interface ProgressPanelProps {
  /** The epoch in progress, or the last one finished between epochs (1-based, as the event log numbers them). */
  readonly epoch: number;
  /** Epochs finished. */
  readonly epochsDone: number;
  readonly epochs: number;
  /** Batches finished in the current epoch. */
  readonly batch: number;
  readonly batchesPerEpoch: number;
  readonly step: number;
  readonly etaMs: number | null;
  readonly elapsedMs: number;
  readonly samplesPerSecond: number | null;
  readonly width: number;
}

/** Two lines: the epoch bar with percentage, ETA and elapsed time; the batch bar with samples/s and the step. */
export function ProgressPanel({ epoch, epochsDone, epochs, batch, batchesPerEpoch, step, etaMs, elapsedMs, samplesPerSecond, width }: ProgressPanelProps) {
  const digits = String(Math.max(epochs, 1)).length;
  const counterWidth = 2 * digits + 1;
  const bar = Math.max(width - counterWidth - 41, 10);
  const epochFraction = epochs > 0 ? epochsDone / epochs : 0;
  const batchFraction = batchesPerEpoch > 0 ? batch / batchesPerEpoch : 0;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text color="gray">epoch </Text>
        <Text bold>{fit(`${epoch}/${epochs}`, counterWidth, 'right')}</Text>{' '}
        <Text color="green">{progressBar(epochFraction, bar)}</Text>
        {` ${fit(`${Math.floor(epochFraction * 100)}%`, 4, 'right')}`}
        <Text color="gray">{`  ETA ${fit(formatDuration(etaMs), 7)} elapsed ${formatDuration(elapsedMs)}`}</Text>
      </Text>
      <Text wrap="truncate">
        <Text color="gray">batch </Text>
        {fit(`${batch}/${batchesPerEpoch}`, counterWidth, 'right')}{' '}
        <Text color="blue">{progressBar(batchFraction, bar)}</Text>
        <Text color="gray">{`  ${fit(formatRate(samplesPerSecond), 6, 'right')} samples/s  step ${formatCount(step)}`}</Text>
      </Text>
    </Box>
  );
}
