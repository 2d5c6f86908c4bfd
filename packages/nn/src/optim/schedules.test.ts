import { describe, expect, it } from '@jest/globals';
import { expectClose } from '@clearprop/tensor/testing';
import { constant, cosineDecay, exponentialDecay, joinSchedules, linearWarmup, polyDecay, stepDecay } from './schedules.ts';

describe('schedules', () => {
  it('constant', () => {
    expect([0, 1, 1000].map(constant(0.3))).toEqual([0.3, 0.3, 0.3]);
  });

  it('polyDecay is lr·(1 − t/T)^power, then 0', () => {
    const schedule = polyDecay(0.1, 100, 0.25);
    for (const t of [0, 1, 10, 50, 99]) expect(schedule(t)).toBeCloseTo(0.1 * (1 - t / 100) ** 0.25, 15);
    expect(schedule(50)).toBeCloseTo(0.1 * Math.SQRT1_2 ** 0.5, 15);
    expect([100, 101, 1e6].map(schedule)).toEqual([0, 0, 0]);
    expect(polyDecay(1, 4, 1)(1)).toBe(0.75);
  });

  it('stepDecay drops by gamma every stepSize steps', () => {
    expect([0, 9, 10, 19, 20, 35].map(stepDecay(1, 10, 0.5))).toEqual([1, 1, 0.5, 0.5, 0.25, 0.125]);
  });

  it('exponentialDecay is lr·rate^(t/steps)', () => {
    const schedule = exponentialDecay(2, 0.5, 10);
    expect(schedule(0)).toBe(2);
    expect(schedule(10)).toBe(1);
    expect(schedule(20)).toBe(0.5);
    expect(schedule(5)).toBeCloseTo(2 * Math.SQRT1_2, 15);
  });

  it('cosineDecay anneals to alpha·lr and stays there', () => {
    const schedule = cosineDecay(1, 100, 0.1);
    expect(schedule(0)).toBe(1);
    expect(schedule(50)).toBeCloseTo(0.55, 15);
    expect(schedule(25)).toBeCloseTo(0.9 * 0.5 * (1 + Math.SQRT1_2) + 0.1, 15);
    expect(schedule(100)).toBeCloseTo(0.1, 15);
    expect(schedule(500)).toBeCloseTo(0.1, 15);
  });

  it('joinSchedules restarts each schedule at its boundary', () => {
    const schedule = joinSchedules([(t) => t, (t) => 100 + t, constant(7)], [3, 5]);
    expect([0, 2, 3, 4, 5, 9].map(schedule)).toEqual([0, 2, 100, 101, 7, 7]);
  });

  it('linearWarmup ramps from 0 then runs the wrapped schedule from its step 0', () => {
    const schedule = linearWarmup(stepDecay(0.8, 2, 0.5), 4);
    expectClose([0, 1, 2, 3, 4, 5, 6].map(schedule), [0, 0.2, 0.4, 0.6, 0.8, 0.8, 0.4], { rtol: 1e-15, atol: 0 });
    const inner = constant(1);
    expect(linearWarmup(inner, 0)).toBe(inner);
  });

  it('rejects bad arguments with a RangeError naming them', () => {
    expect(() => constant(-1)).toThrow(new RangeError('constant: lr must be a finite number ≥ 0 (got -1)'));
    expect(() => constant(Number.NaN)).toThrow(RangeError);
    expect(() => polyDecay(0.1, 0, 1)).toThrow(/polyDecay: totalSteps/);
    expect(() => polyDecay(0.1, 2.5, 1)).toThrow(/polyDecay: totalSteps/);
    expect(() => polyDecay(0.1, 10, -1)).toThrow(/polyDecay: power/);
    expect(() => stepDecay(0.1, 0, 0.5)).toThrow(/stepDecay: stepSize/);
    expect(() => stepDecay(0.1, 10, 0)).toThrow(/stepDecay: gamma/);
    expect(() => exponentialDecay(0.1, -0.5, 10)).toThrow(/exponentialDecay: decayRate/);
    expect(() => exponentialDecay(0.1, 0.5, 0)).toThrow(/exponentialDecay: decaySteps/);
    expect(() => cosineDecay(0.1, 10, 2)).toThrow(/cosineDecay: alpha/);
    expect(() => linearWarmup(constant(1), -1)).toThrow(/linearWarmup: warmupSteps/);
    expect(() => joinSchedules([], [])).toThrow(/joinSchedules: schedules/);
    expect(() => joinSchedules([constant(1), constant(2)], [])).toThrow(/joinSchedules: boundaries must have 1/);
    expect(() => joinSchedules([constant(1), constant(2), constant(3)], [5, 2])).toThrow(/joinSchedules: boundaries\[1\]/);
  });
});
