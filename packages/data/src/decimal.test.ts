import { describe, expect, it } from '@jest/globals';
import { describeRange, parseDecimal } from './decimal.ts';

describe('parseDecimal', () => {
  it('reads plain decimal notation', () => {
    expect(['3', '-1.5', '+2', '.5', '5.', '2e-3', '1E3'].map((t) => parseDecimal(t))).toEqual([3, -1.5, 2, 0.5, 5, 0.002, 1000]);
  });

  it.each(['', ' 3', '3 ', '0x10', '0b1', '0o7', 'Infinity', '-Infinity', 'NaN', '1e999', '1_000', '1,5', 'e3', '.', '--1'])('refuses %j', (text) => {
    expect(() => parseDecimal(text)).toThrow(`expected a number, got "${text}"`);
  });

  it('checks integers (safe ones only) and ranges, saying what was expected', () => {
    expect(parseDecimal('4294967295', { integer: true, min: 0, max: 4294967295 })).toBe(4294967295);
    expect(() => parseDecimal('1e20', { integer: true, min: 0 })).toThrow('expected an integer ≥ 0, got "1e20"');
    expect(() => parseDecimal('4294967296', { integer: true, min: 0, max: 4294967295 })).toThrow('expected an integer in 0…4294967295, got "4294967296"');
    expect(() => parseDecimal('1.5', { integer: true })).toThrow('expected an integer, got "1.5"');
    expect(() => parseDecimal('0', { above: 0 })).toThrow('expected a number > 0, got "0"');
    expect(() => parseDecimal('-1', { max: -2 })).toThrow('expected a number ≤ -2, got "-1"');
    expect(parseDecimal('1e2', { integer: true, min: 1 })).toBe(100);
  });

  it('quotes at most 40 clean characters of the text', () => {
    expect(() => parseDecimal(`\u001b[31m${'9'.repeat(100)}x`)).toThrow(/got "9{39}…"$/);
    expect(describeRange({})).toBe('a number');
  });
});
