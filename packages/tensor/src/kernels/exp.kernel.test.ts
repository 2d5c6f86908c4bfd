import { describe, expect, it } from '@jest/globals';
import { expFor, float32Exp, float32ExpSource, FLOAT32_EXP_TABLES } from './exp.kernel.ts';

const bits = new Uint32Array(1);
const value = new Float32Array(bits.buffer);
const fromBits = (pattern: number): number => {
  bits[0] = pattern;
  return value[0];
};

describe('float32Exp', () => {
  // Every 16411th float32 bit pattern (about 260 000 inputs across every exponent and both signs); the whole
  // range, every float32, is checked by ./tools/check-exp.ts (same bounds).
  it('is within 1.3e-12 relative of Math.exp on a sweep of the whole float32 range, and rounds to float32 alike but for rare 1-ulp ties', () => {
    let worst = 0;
    let differ = 0;
    let inputs = 0;
    for (let pattern = 0; pattern < 2 ** 32; pattern += 16_411) {
      const x = fromBits(pattern);
      const exact = Math.exp(x);
      const fast = float32Exp(x);
      inputs++;
      if (Number.isNaN(exact)) {
        expect(fast).toBeNaN();
        continue;
      }
      if (exact === 0 || !Number.isFinite(exact)) expect(fast).toBe(exact);
      else worst = Math.max(worst, Math.abs(fast - exact) / exact);
      if (Math.fround(fast) !== Math.fround(exact)) {
        differ++;
        expect(Math.abs(Math.fround(fast) - Math.fround(exact))).toBeLessThanOrEqual(Math.abs(Math.fround(exact)) * 2 ** -23 + 2 ** -149);
      }
    }
    expect(inputs).toBeGreaterThan(250_000);
    expect(worst).toBeLessThanOrEqual(1.3e-12);
    expect(differ).toBeLessThan(5);
  });

  it.each([
    [0, 1], [-0, 1], [Number.NaN, Number.NaN], [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
    [Number.NEGATIVE_INFINITY, 0], [-1000, 0], [1000, Number.POSITIVE_INFINITY],
  ])('handles exp(%d) exactly', (x, expected) => {
    expect(float32Exp(x)).toBe(expected);
  });

  it('is continuous across the edges of its fast range [−103, 88] (within the same bound)', () => {
    for (const edge of [-103, 88]) {
      for (const x of [edge - 1e-9, edge, edge + 1e-9]) expect(Math.abs(float32Exp(x) - Math.exp(x)) / Math.exp(x)).toBeLessThanOrEqual(1.3e-12);
    }
  });

  it('float32ExpSource writes out exactly float32Exp: the same bits on the sweep, the edges and the special values', () => {
    const names = { fractions: 'F', powers: 'P', scaled: 's', rounded: 'k' };
    const inlined = new Function('F', 'P', 'x', `let s = 0, k = 0; return ${float32ExpSource('-(-x)', names)};`) as (f: Float64Array, p: Float64Array, x: number) => number;
    const same = (x: number) => Object.is(inlined(FLOAT32_EXP_TABLES.fractions, FLOAT32_EXP_TABLES.powers, x), float32Exp(x));
    for (let pattern = 0; pattern < 2 ** 32; pattern += 65_537) expect(same(fromBits(pattern))).toBe(true);
    for (const x of [0, -0, -103, 88, -103.0001, 88.0001, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-300]) expect(same(x)).toBe(true);
  });

  it('expFor picks float32Exp for float32 buffers and Math.exp for float64', () => {
    expect(expFor(new Float32Array(1))).toBe(float32Exp);
    expect(expFor(new Float64Array(1))).toBe(Math.exp);
  });
});
