import { describe, expect, it } from '@jest/globals';
import { ansiStyle, plainStyle, styleFor } from './style.ts';

const tty = { write: () => undefined, isTTY: true };
const pipe = { write: () => undefined, isTTY: false };

describe('styleFor', () => {
  it('colours a terminal, not a pipe; NO_COLOR wins over everything; FORCE_COLOR colours a pipe', () => {
    expect(styleFor(tty, {})).toBe(ansiStyle);
    expect(styleFor(pipe, {})).toBe(plainStyle);
    expect(styleFor(tty, { NO_COLOR: '1' })).toBe(plainStyle);
    expect(styleFor(tty, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(plainStyle);
    expect(styleFor(tty, { NO_COLOR: '' })).toBe(ansiStyle);
    expect(styleFor(pipe, { FORCE_COLOR: '1' })).toBe(ansiStyle);
    expect(styleFor(pipe, { FORCE_COLOR: '0' })).toBe(plainStyle);
    expect(ansiStyle.red('x')).toBe('\x1b[31mx\x1b[39m');
  });
});
