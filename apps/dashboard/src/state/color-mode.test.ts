import { describe, expect, it } from '@jest/globals';
import { colorModeFor } from './color-mode.ts';

const tty = (colors: number) => ({ isTTY: true, hasColors: (count = 16) => colors >= count });

describe('colorModeFor', () => {
  it('colour on a terminal with 16 colours or more, unless NO_COLOR is set (to anything but "")', () => {
    expect(colorModeFor(tty(256), {})).toBe('color');
    expect(colorModeFor(tty(16), {})).toBe('color');
    expect(colorModeFor(tty(256), { NO_COLOR: '1' })).toBe('mono');
    expect(colorModeFor(tty(256), { NO_COLOR: '' })).toBe('color');
  });

  it('shade glyphs on a terminal without colours, or not a terminal', () => {
    expect(colorModeFor(tty(2), {})).toBe('mono');
    expect(colorModeFor({ isTTY: false, hasColors: () => true }, {})).toBe('mono');
    expect(colorModeFor({}, {})).toBe('mono');
  });
});
