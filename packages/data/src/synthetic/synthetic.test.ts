import { describe, expect, it } from '@jest/globals';
import { createRng, toRows } from '@clearprop/tensor';
import { classCounts } from '../labels.ts';
import { sampleFunction } from './sample-function.ts';
import { sinDataset } from './sin.ts';
import { spirals } from './spirals.ts';
import { twoMoons } from './two-moons.ts';
import { xor } from './xor.ts';

describe('sinDataset', () => {
  it('documented usage', () => {
    const ds = sinDataset();
    expect(ds.length).toBe(315);
  });

  it('is exactly x_i = −5π + 0.1·i, i = 0…314, y = sin(x), in float32', () => {
    const ds = sinDataset();
    expect(ds).toMatchObject({ length: 315, features: 1, targets: 1, task: 'regression', name: 'sin' });
    for (let i = 0; i < 315; i++) {
      const x = -5 * Math.PI + 0.1 * i;
      expect(ds.x[i]).toBe(Math.fround(x));
      expect(ds.y[i]).toBe(Math.fround(Math.sin(x)));
    }
    expect(ds.x[0]).toBe(Math.fround(-5 * Math.PI));
    expect(ds.x[314]).toBe(Math.fround(-5 * Math.PI + 31.4));
    expect(ds.x[314]).toBeLessThan(5 * Math.PI);
  });
});

describe('sampleFunction', () => {
  it('step grid is half-open and does not drift', () => {
    const ds = sampleFunction((x) => 2 * x, { from: 0, to: 1, step: 0.1 });
    expect(ds.length).toBe(10);
    expect(ds.x[9]).toBe(Math.fround(0.9));
    expect(Array.from(ds.y.subarray(0, 3))).toEqual([0, Math.fround(0.2), Math.fround(0.4)]);
  });

  it('count grid includes both ends', () => {
    const ds = sampleFunction((x) => x * x, { from: -1, to: 1, count: 5 });
    expect(Array.from(ds.x)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(Array.from(ds.y)).toEqual([1, 0.25, 0, 0.25, 1]);
    expect(sampleFunction((x) => x, { from: 3, to: 4, count: 1 }).length).toBe(1);
  });

  it('rejects bad grids and non-finite f', () => {
    expect(() => sampleFunction(Math.sin, { from: 0, to: 1, step: 0 })).toThrow(/step must be finite and > 0/);
    expect(() => sampleFunction(Math.sin, { from: 1, to: 0, count: 3 })).toThrow(/from ≤ to/);
    expect(() => sampleFunction(Math.log, { from: 0, to: 1, count: 3 })).toThrow(/not finite|holds -Infinity/);
  });
});

describe('xor', () => {
  it('without n is the exact truth table', () => {
    const ds = xor();
    expect(toRows({ shape: [4, 2], data: ds.x, dtype: 'float32' })).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect(Array.from(ds.y)).toEqual([1, 0, 0, 1, 0, 1, 1, 0]);
    expect(ds.classes).toBe(2);
  });

  it('with n draws noisy clouds around the corners', () => {
    const ds = xor(400, { rng: createRng(1), noise: 0.05 });
    expect(ds.length).toBe(400);
    expect(classCounts(ds)).toEqual([200, 200]);
    expect(Math.abs(ds.x[2 * 5] - 0)).toBeLessThan(0.3);
    expect(Math.abs(ds.x[2 * 5 + 1] - 1)).toBeLessThan(0.3);
  });
});

describe.each([
  ['xor', (seed: number) => xor(101, { rng: createRng(seed) }), 2],
  ['twoMoons', (seed: number) => twoMoons(101, { rng: createRng(seed) }), 2],
  ['spirals', (seed: number) => spirals(101, { rng: createRng(seed) }), 3],
  ['spirals(5 classes)', (seed: number) => spirals(101, { rng: createRng(seed), classes: 5, noise: 0.1 }), 5],
])('%s', (_, make, classes) => {
  it('is deterministic per seed', () => {
    expect(make(1).x).toEqual(make(1).x);
    expect(make(1).y).toEqual(make(1).y);
    expect(make(1).x).not.toEqual(make(2).x);
  });

  it('is balanced (class sizes differ by at most one) with one-hot targets', () => {
    const ds = make(3);
    expect(ds).toMatchObject({ length: 101, features: 2, classes, targets: classes, task: 'classification' });
    const counts = classCounts(ds);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });
});

describe('twoMoons and spirals geometry', () => {
  it('noise-free moons lie on their unit half circles', () => {
    const ds = twoMoons(20, { rng: createRng(1), noise: 0 });
    for (let i = 0; i < 10; i++) expect(Math.hypot(ds.x[2 * i], ds.x[2 * i + 1])).toBeCloseTo(1, 5);
    for (let i = 10; i < 20; i++) expect(Math.hypot(ds.x[2 * i] - 1, ds.x[2 * i + 1] - 0.5)).toBeCloseTo(1, 5);
  });

  it('spiral radii grow from 0 to 1 along each arm', () => {
    const ds = spirals(30, { rng: createRng(1) });
    expect(Math.hypot(ds.x[0], ds.x[1])).toBeCloseTo(0, 6);
    expect(Math.hypot(ds.x[18], ds.x[19])).toBeCloseTo(1, 5);
  });

  it('rejects bad sizes', () => {
    expect(() => twoMoons(-1, { rng: createRng(1) })).toThrow(RangeError);
    expect(() => spirals(10, { rng: createRng(1), classes: 0 })).toThrow(/classes must be an integer ≥ 1/);
  });
});
