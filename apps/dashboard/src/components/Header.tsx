// @jsxRuntime automatic
import { Box, Text } from 'ink';
import { formatCount } from '../charts/format.ts';
import type { DashboardState } from '../state/dashboard-state.ts';
import type { DashboardMode } from '../state/keymap.ts';

/** Props of Header. */
export interface HeaderProps {
  readonly run: DashboardState['run'];
  readonly status: DashboardState['status'];
  readonly mode: DashboardMode;
  readonly replay: DashboardState['replay'];
  readonly width: number;
}

const STATUS_COLORS = { waiting: 'gray', running: 'green', paused: 'yellow', stopped: 'red', done: 'blue' } as const;

/** One line: experiment name, architecture, parameter count, seed, optimizer, run state and where events come from. */
export function Header({ run, status, mode, replay, width }: HeaderProps) {
  const source = mode === 'replay' ? `replay ${replay?.speed ?? 1}×` : mode;
  const shown = mode === 'replay' && replay?.paused && status === 'running' ? 'paused' : status;
  return (
    <Box width={width} justifyContent="space-between">
      <Text wrap="truncate">
        <Text bold color="cyan">clearprop</Text>
        {run ? (
          <>
            <Text bold>{` ${run.name}`}</Text>
            <Text>{`  ${run.architecture}`}</Text>
            <Text color="gray">{`  ${formatCount(run.parameterCount)} params  seed ${run.seed}  ${run.optimizer}`}</Text>
          </>
        ) : (
          <Text color="gray"> waiting for runStart…</Text>
        )}
      </Text>
      <Box flexShrink={0}>
        <Text color="gray">{` ${source} `}</Text>
        <Text bold color={STATUS_COLORS[shown]}>{`● ${shown}`}</Text>
      </Box>
    </Box>
  );
}
