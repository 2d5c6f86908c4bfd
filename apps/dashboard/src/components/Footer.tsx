// @jsxRuntime automatic
import { Text } from 'ink';
import { keyHints, type DashboardMode } from '../state/keymap.ts';

/** Props of Footer. */
export interface FooterProps {
  readonly mode: DashboardMode;
  /** Shown instead of the keys, e.g. while quitting. */
  readonly message?: string | null;
  readonly width: number;
}

/** The key hints for the mode (or a status message) on one line. */
export function Footer({ mode, message, width }: FooterProps) {
  if (message) return <Text color="yellow" wrap="truncate">{message.slice(0, width)}</Text>;
  return (
    <Text wrap="truncate">
      {keyHints(mode).map(([key, label]) => (
        <Text key={key}>
          <Text inverse bold>{` ${key} `}</Text>
          <Text color="gray">{` ${label}  `}</Text>
        </Text>
      ))}
    </Text>
  );
}
