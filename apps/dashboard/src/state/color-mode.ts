import type { ColorMode } from '../charts/heatmap.ts';

/** The part of a tty.WriteStream that says whether it shows colours. */
export interface ColorStream {
  readonly isTTY?: boolean;
  hasColors?(count?: number): boolean;
}

/**
 * Whether the heat maps are drawn in colour: not when NO_COLOR is set to anything but "" (no-color.org), nor on a
 * stream that has fewer than 16 colours by Node's own reading of the terminal (TERM=dumb, FORCE_COLOR=0, not a TTY).
 */
export function colorModeFor(stream: ColorStream, env: Readonly<Record<string, string | undefined>>): ColorMode {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 'mono';
  return stream.isTTY === true && stream.hasColors?.(16) === true ? 'color' : 'mono';
}
