// @jsxRuntime automatic
import { Text } from 'ink';
import { memo } from 'react';
import type { LogEntry } from '../state/dashboard-state.ts';
import { Panel } from './Panel.tsx';

/** Props of EventLog. */
export interface EventLogProps {
  readonly log: readonly LogEntry[];
  readonly width: number;
  readonly height: number;
}

const COLORS = { info: undefined, warn: 'yellow', error: 'red' } as const;

/** The latest log lines (control commands, checkpoints, early stop, divergence with its diagnosis), newest last. */
export const EventLog = memo(function EventLog({ log, width, height }: EventLogProps) {
  const shown = log.slice(-Math.max(height - 2, 0));
  return (
    <Panel title="events" width={width} height={height}>
      {shown.length === 0 && <Text color="gray">no events yet</Text>}
      {shown.map((entry, i) => (
        <Text key={log.length - shown.length + i} color={COLORS[entry.level]} wrap="truncate">
          <Text color="gray">{`ep ${entry.epoch} `.padEnd(9)}</Text>
          {entry.text}
        </Text>
      ))}
    </Panel>
  );
});
