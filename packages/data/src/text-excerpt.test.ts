import { describe, expect, it } from '@jest/globals';
import { excerpt, excerptList } from './text-excerpt.ts';

describe('excerpt', () => {
  it('strips ANSI colour (CSI), OSC title sequences, bare controls, DEL and bidi overrides', () => {
    expect(excerpt('\u001b[1;31mred\u001b[0m')).toBe('red');
    expect(excerpt('a\u001b]0;owned title\u0007b')).toBe('ab');
    expect(excerpt('a\u001b]8;;http://x\u001b\\link')).toBe('alink');
    expect(excerpt('tab\there\r\nnul\u0000del\u007f\u009b2Jc1')).toBe('tabherenuldelc1');
    expect(excerpt('\u202egnp.exe')).toBe('gnp.exe');
  });

  it('cuts to the limit (counting the ellipsis) and says so', () => {
    expect(excerpt('x'.repeat(120))).toBe('x'.repeat(120));
    expect(excerpt('x'.repeat(121))).toBe(`${'x'.repeat(119)}…`);
    expect(excerpt('x'.repeat(5_000_000)).length).toBe(120);
    expect(excerpt('abcdef', 4)).toBe('abc…');
  });
});

describe('excerptList', () => {
  it('joins cleaned names and counts the ones left out', () => {
    expect(excerptList(['a', 'b\u001b[2K', 'c'])).toBe('a, b, c');
    const names = Array.from({ length: 100 }, (_, i) => `column_${i}`);
    const text = excerptList(names);
    expect(text).toMatch(/^column_0, column_1, .* … \(\+\d+ more\)$/);
    expect(text.length).toBeLessThan(140);
    expect(excerptList(['y'.repeat(500)]).length).toBe(120);
  });
});
