import { describe, expect, it } from '@jest/globals';
import { buildExperiment } from './build.ts';
import { presetConfig } from './presets.ts';
import { parseConfig } from './schema.ts';

describe('numeric overrides and seeds are range-checked like the config (#11 F12)', () => {
  it('buildExperiment refuses an override out of range, naming it', () => {
    const xor = presetConfig('xor');
    expect(() => buildExperiment(xor, { overrides: { seed: 1e20 } })).toThrow('overrides: seed: expected an integer in 0…4294967295, got "100000000000000000000"');
    expect(() => buildExperiment(xor, { overrides: { epochs: -1 } })).toThrow('overrides: epochs: expected an integer ≥ 0, got "-1"');
    expect(() => buildExperiment(xor, { overrides: { lr: Number.POSITIVE_INFINITY } })).toThrow('overrides: lr: expected a number > 0, got "Infinity"');
    expect(() => buildExperiment(xor, { overrides: { batchSize: 2.5 } })).toThrow('overrides: batchSize: expected an integer ≥ 1, got "2.5"');
    expect(buildExperiment(xor, { overrides: { seed: 4294967295, epochs: 0 } }).config).toMatchObject({ seed: 4294967295, epochs: 0 });
  });

  it('a config seed must be a uint32 too (a larger one would alias a smaller one)', () => {
    const config = { ...presetConfig('xor'), seed: 2 ** 32 };
    expect(() => parseConfig(config, 'x.json')).toThrow(/^x\.json: seed: /);
    expect(() => parseConfig({ ...config, seed: -1 }, 'x.json')).toThrow(/^x\.json: seed: /);
  });
});
