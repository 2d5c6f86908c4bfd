// @jsxRuntime automatic
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

/** Props of Panel. */
export interface PanelProps {
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly children?: ReactNode;
  /** @defaultValue 'gray' */
  readonly borderColor?: string;
}

/** A rounded box of exactly width × height cells with its title set into the top border. */
export function Panel({ title, width, height, children, borderColor = 'gray' }: PanelProps) {
  if (width <= 2 || height <= 2) return null;
  const label = ` ${title} `.slice(0, Math.max(width - 4, 0));
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <Text color={borderColor}>
        {'╭─'}
        <Text bold color="white">{label}</Text>
        {'─'.repeat(Math.max(width - 3 - label.length, 0))}
        {'╮'}
      </Text>
      <Box borderStyle="round" borderTop={false} borderColor={borderColor} flexDirection="column" width={width} height={height - 1} overflow="hidden">
        {children}
      </Box>
    </Box>
  );
}
