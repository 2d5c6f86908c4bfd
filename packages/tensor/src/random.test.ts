import { describe, expect, it } from '@jest/globals';
import { createRng, restoreRng } from './random.ts';

const draw = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('createRng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    expect(draw(5, createRng(42).next)).toEqual(draw(5, createRng(42).next));
    expect(draw(5, createRng(42).next)).not.toEqual(draw(5, createRng(43).next));
  });
  it('draws uniforms in [0, 1) with the right mean and normals with mean 0, variance 1', () => {
    const rng = createRng(7);
    const u = draw(20000, rng.next);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(u.reduce((s, v) => s + v, 0) / u.length).toBeCloseTo(0.5, 1);
    const z = draw(20000, rng.normal);
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
  it('splits into a child stream independent of the parent', () => {
    const parent = createRng(1);
    const child = parent.split();
    expect(draw(5, child.next)).not.toEqual(draw(5, parent.next));
    const again = createRng(1).split();
    expect(draw(5, again.next)).toEqual(draw(5, createRng(1).split().next));
  });
  it('restores from state to continue the exact sequence', () => {
    const rng = createRng(9);
    draw(3, rng.next);
    const copy = restoreRng(rng.state());
    expect(draw(10, copy.next)).toEqual(draw(10, rng.next));
    expect(() => restoreRng([1, 2, 3])).toThrow('restoreRng: expected four uint32 words');
  });
  it('draws integers in range', () => {
    const rng = createRng(3);
    const ints = draw(1000, () => rng.int(7));
    expect(new Set(ints)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
  });
});
