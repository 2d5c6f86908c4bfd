import { describe, expect, it } from '@jest/globals';
import { xor } from '@clearprop/data';
import { buildExperiment } from '../experiments/build.ts';
import { presetConfig } from '../experiments/presets.ts';
import type { TrainSpec } from '../spec.ts';
import { createRun } from './run-state.ts';
import { checkSpec } from './setup.ts';

const spec = (units: readonly number[], limits?: TrainSpec['limits']): TrainSpec => ({
  model: { inputs: 2, layers: [...units.map((u) => ({ units: u, activation: 'relu' as const })), { units: 2, activation: 'softmax' }] },
  loss: 'softmaxCrossEntropy', optimizer: { name: 'adam', lr: 0.01 }, train: xor(), epochs: 1, batchSize: 4, seed: 1,
  ...(limits ? { limits } : {}),
});

describe('model size limits, checked before anything is allocated (#11 F4)', () => {
  it('refuses a layer wider than 100 000 units, naming the layer and the key that raises the limit', () => {
    // 1e9 units would need 8 GB for the first weight matrix: the check must come first, and quickly.
    expect(() => checkSpec(spec([1e9]))).toThrow('model.layers[0].units is 1000000000, over the limit of 100000 units per layer; raise model.maxUnits to allow it');
    expect(() => createRun(spec([8, 100_001]))).toThrow('model.layers[1].units is 100001, over the limit');
    expect(() => checkSpec(spec([100_000]))).not.toThrow();
  });

  it('refuses more than 10 M parameters, counting weights, biases and alphas; model.maxParameters raises the limit', () => {
    // 2→3000→3000→2: 3000·3 + 3000·3001 + 2·3001 = 9 018 002 parameters, then one layer more is over.
    expect(() => checkSpec(spec([3000, 3000]))).not.toThrow();
    expect(() => checkSpec(spec([3000, 3000, 400]))).toThrow('the model has 10213202 parameters, over the limit of 10000000; raise model.maxParameters (or --max-parameters) to allow it');
    expect(() => checkSpec(spec([3000, 3000, 400], { maxParameters: 10_213_202 }))).not.toThrow();
    expect(() => checkSpec(spec([16], { maxParameters: 50, maxUnits: 8 }))).toThrow('model.layers[0].units is 16, over the limit of 8 units per layer');
  });

  it('configs carry the limits (model.maxUnits, model.maxParameters) and the maxParameters override into the spec', () => {
    const config = { ...presetConfig('xor'), model: { ...presetConfig('xor').model, maxUnits: 4 } };
    expect(() => checkSpec(buildExperiment(config).spec)).toThrow('model.layers[0].units is 8, over the limit of 4 units per layer');
    expect(() => checkSpec(buildExperiment(presetConfig('xor'), { overrides: { maxParameters: 10 } }).spec)).toThrow('over the limit of 10;');
    expect(buildExperiment(presetConfig('xor'), { overrides: { maxParameters: 10 } }).config.model.maxParameters).toBe(10);
  });
});
