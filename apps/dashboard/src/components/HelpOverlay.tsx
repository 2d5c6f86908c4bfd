// @jsxRuntime automatic
import { Text } from 'ink';
import type { DashboardMode } from '../state/keymap.ts';
import { Panel } from './Panel.tsx';

/** Props of HelpOverlay. */
export interface HelpOverlayProps {
  readonly mode: DashboardMode;
  readonly width: number;
  readonly height: number;
}

const TRAIN_KEYS: readonly (readonly [string, string])[] = [
  ['p / space', 'pause or resume training (at the next batch boundary)'],
  ['+ / -', 'learning rate ×2 / ÷2 (on top of the schedule)'],
  ['s', 'save a checkpoint now (runs/<name>-<time>/checkpoint-…)'],
];
const REPLAY_KEYS: readonly (readonly [string, string])[] = [
  ['p / space', 'pause or resume the replay'],
  ['+ / -', 'replay speed ×2 / ÷2'],
];
const COMMON_KEYS: readonly (readonly [string, string])[] = [
  ['l', 'loss chart: linear / log scale'],
  ['tab', 'cycle views: overview, loss, fit/confusion/boundary, neurons, layers, events'],
  ['q / ctrl-c', 'quit (training: stop, write the final model, exit 0)'],
  ['? / esc', 'toggle / close this help'],
];

/** The key reference for a mode, shown in place of the body. */
export function HelpOverlay({ mode, width, height }: HelpOverlayProps) {
  const keys = [...(mode === 'train' ? TRAIN_KEYS : mode === 'replay' ? REPLAY_KEYS : []), ...COMMON_KEYS];
  return (
    <Panel title={`keys · ${mode} mode`} width={width} height={height} borderColor="cyan">
      {keys.map(([key, text]) => (
        <Text key={key} wrap="truncate">
          <Text bold color="cyan">{key.padEnd(12)}</Text>
          {text}
        </Text>
      ))}
      {mode === 'follow' && <Text color="gray">following a file a runner is writing: steering happens in the runner</Text>}
    </Panel>
  );
}
