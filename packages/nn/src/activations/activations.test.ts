import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { ActivationSpec } from '../model/spec.ts';
import { elementwise } from './activation.ts';
import { leakyRelu, prelu, relu, sigmoid } from './factories.ts';
import { ACTIVATION_NAMES, ACTIVATIONS, activationRecord } from './registry.ts';
import { resolveActivation } from './resolve.ts';

/** One hand-computed forward case: a = f(z) for a batch [z.length / cols, cols]; `alpha` are PReLU's per-unit slopes. */
interface Fixture {
  readonly spec: ActivationSpec;
  readonly z: readonly number[];
  readonly a: readonly number[];
  readonly cols?: number;
  readonly alpha?: readonly number[];
  /** Compare to this many decimals instead of exactly. */
  readonly digits?: number;
}

const softmaxRow = (row: readonly number[]) => row.map((v) => Math.exp(v) / row.reduce((s, w) => s + Math.exp(w), 0));

// Every activation has at least one row here (checked below): a new activation is covered by adding its row.
const FIXTURES: readonly Fixture[] = [
  { spec: 'sigmoid', z: [0, 1000, -1000], a: [0.5, 1, 0] }, // 1/2 at 0, no overflow at |z| = 1000
  { spec: 'sigmoid', z: [Math.log(3)], a: [0.75], digits: 15 },
  { spec: 'tanh', z: [0, Math.atanh(0.5)], a: [0, 0.5], digits: 15 },
  { spec: 'relu', z: [-1, 0, 1], a: [0, 0, 1] }, // tinygrad test_relu_exact
  { spec: { name: 'leakyRelu', alpha: 0.5 }, z: [-2, 0, 3], a: [-1, 0, 3] },
  { spec: 'leakyRelu', z: [-100], a: [-1] }, // default slope 0.01
  { spec: 'prelu', z: [-2, -2, 3], cols: 3, alpha: [0.1, 0.5, 0.9], a: [-0.2, -1, 3] },
  // PyTorch gelu(approximate='tanh') values; here from the formula at 30 digits (mpmath).
  { spec: 'gelu', z: [0, 1, -1, -2, 3], a: [0, 0.841191990608276705, -0.158808009391723295, -0.0454023059122249812, 2.99636260791822698], digits: 14 },
  { spec: 'softmax', z: [1, 2, 3, 1000, 1000, 0], cols: 3, a: [...softmaxRow([1, 2, 3]), 0.5, 0.5, 0], digits: 12 },
  { spec: 'identity', z: [-3, 4], a: [-3, 4] },
];

const nameOf = (spec: ActivationSpec) => (typeof spec === 'string' ? spec : spec.name);

describe('activation forward fixtures', () => {
  it.each(FIXTURES.map((f) => [JSON.stringify(f.spec), f] as const))('%s', (_label, { spec, z, a, cols = z.length, alpha, digits }) => {
    const out = new Float64Array(z.length);
    resolveActivation(spec).forward(Float64Array.from(z), out, z.length / cols, cols, alpha && Float64Array.from(alpha));
    if (digits === undefined) expect(Array.from(out)).toEqual(a);
    else Array.from(out).forEach((v, i) => expect(v).toBeCloseTo(a[i], digits));
  });

  it('covers every registered activation', () => {
    expect(ACTIVATION_NAMES.filter((name) => !FIXTURES.some((f) => nameOf(f.spec) === name))).toEqual([]);
  });
});

describe('activation records', () => {
  it('have consistent traits', () => {
    for (const name of ACTIVATION_NAMES) {
      const { saturation, alpha, defaultInit } = ACTIVATIONS[name].traits;
      if (saturation) expect(saturation.low).toBeLessThan(saturation.high);
      if (alpha) expect(Number.isFinite(alpha.default)).toBe(true);
      expect(['normal', 'glorotUniform', 'glorotNormal', 'heNormal', 'heUniform']).toContain(defaultInit);
    }
  });
  it('each have a row in the activations table of docs/config.md', () => {
    const doc = readFileSync(new URL('../../../../docs/config.md', import.meta.url), 'utf8');
    const table = doc.slice(doc.indexOf('## Activations'));
    expect(ACTIVATION_NAMES.filter((name) => !table.includes(`\n| \`${name}\` |`))).toEqual([]);
  });
  it('are looked up by own name only', () => {
    expect(activationRecord('relu')).toBe(ACTIVATIONS.relu);
    expect(activationRecord('toString')).toBeUndefined();
    expect(activationRecord('__proto__')).toBeUndefined();
  });
  it('carry their traits, alpha default and emitter into the layer activation', () => {
    expect(relu()).toMatchObject({ name: 'relu', alpha: undefined, learnsAlpha: false, traits: ACTIVATIONS.relu.traits });
    expect(leakyRelu()).toMatchObject({ alpha: 0.01, learnsAlpha: false });
    expect(prelu()).toMatchObject({ alpha: 0.25, learnsAlpha: true });
    expect(prelu(0.1).alpha).toBe(0.1);
    expect(sigmoid().emitter?.reads).toEqual({ z: false, a: true });
  });
  it('elementwise builds a kernel pair from f and df', () => {
    const square = elementwise({ f: (z) => z * z, df: (z) => 2 * z });
    const [a, dz] = [new Float64Array(2), new Float64Array(2)];
    square.forward(Float64Array.of(3, -1), a, 1, 2);
    square.backward(Float64Array.of(3, -1), a, Float64Array.of(1, 10), dz, 1, 2);
    expect([...a, ...dz]).toEqual([9, 1, 6, -20]);
  });
});

describe('resolveActivation', () => {
  it('accepts names and option objects', () => {
    expect(resolveActivation('relu').name).toBe('relu');
    expect(resolveActivation({ name: 'leakyRelu', alpha: 0.5 }).alpha).toBe(0.5);
  });
  it('names the valid choices for an unknown activation and refuses alpha where meaningless', () => {
    expect(() => resolveActivation('notAnActivation' as never)).toThrow(`unknown activation "notAnActivation"; expected one of ${ACTIVATION_NAMES.join(', ')}`);
    expect(() => resolveActivation('hasOwnProperty' as never)).toThrow('unknown activation "hasOwnProperty"');
    expect(() => resolveActivation({ name: 'tanh', alpha: 1 })).toThrow('activation "tanh" takes no alpha (only leakyRelu and prelu do)');
    expect(() => resolveActivation({ name: 'leakyRelu', alpha: Number.NaN })).toThrow('activation "leakyRelu": alpha must be a finite number, got NaN');
  });
});
