import type { TextStream } from './io.ts';

/** Text decorations; identity functions when colour is off. */
export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
}

const same = (text: string): string => text;
const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;

/** No decoration (files, pipes, NO_COLOR). */
export const plainStyle: Style = { bold: same, dim: same, red: same, green: same, yellow: same };

/** ANSI SGR colours. */
export const ansiStyle: Style = { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39) };

/**
 * Colour only for a terminal, and never when `NO_COLOR` is set to a non-empty value (https://no-color.org).
 * `FORCE_COLOR` (non-empty, not "0") turns it on for pipes.
 */
export function styleFor(stream: TextStream, env: Readonly<Record<string, string | undefined>>): Style {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return plainStyle;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return ansiStyle;
  return stream.isTTY ? ansiStyle : plainStyle;
}
