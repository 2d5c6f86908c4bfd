import { describe, expect, it } from '@jest/globals';
import { presetConfig } from '../experiments/presets.ts';
import { parseConfig } from '../experiments/schema.ts';
import { gridSize, planTrials, trialConfig } from './sampling.ts';
import type { SearchSpace } from './types.ts';

const space: SearchSpace = [
  { path: 'optimizer.lr', domain: { kind: 'loguniform', low: 1e-4, high: 1e-1 } },
  { path: 'batchSize', domain: { kind: 'choice', values: [16, 32] } },
  { path: 'model.layers.0.units', domain: { kind: 'int', low: 8, high: 64 } },
  { path: 'optimizer.b1', domain: { kind: 'uniform', low: 0.8, high: 0.95 } },
];

describe('planTrials', () => {
  it('grid: the full product in file order, first path slowest, int ranges inclusive', () => {
    const grid: SearchSpace = [
      { path: 'batchSize', domain: { kind: 'choice', values: [16, 32] } },
      { path: 'model.layers.0.units', domain: { kind: 'int', low: 4, high: 6 } },
    ];
    expect(planTrials(grid, { method: 'grid' })).toEqual([
      { trial: 1, params: { batchSize: 16, 'model.layers.0.units': 4 } },
      { trial: 2, params: { batchSize: 16, 'model.layers.0.units': 5 } },
      { trial: 3, params: { batchSize: 16, 'model.layers.0.units': 6 } },
      { trial: 4, params: { batchSize: 32, 'model.layers.0.units': 4 } },
      { trial: 5, params: { batchSize: 32, 'model.layers.0.units': 5 } },
      { trial: 6, params: { batchSize: 32, 'model.layers.0.units': 6 } },
    ]);
    expect(gridSize(grid)).toBe(6);
  });

  it('random: seeded, every value inside its domain, ints integral, choices from the list', () => {
    const trials = planTrials(space, { method: 'random', samples: 200, seed: 7 });
    expect(trials).toEqual(planTrials(space, { method: 'random', samples: 200, seed: 7 }));
    expect(trials).not.toEqual(planTrials(space, { method: 'random', samples: 200, seed: 8 }));
    for (const { params } of trials) {
      expect(params['optimizer.lr']).toBeGreaterThanOrEqual(1e-4);
      expect(params['optimizer.lr']).toBeLessThan(1e-1);
      expect([16, 32]).toContain(params.batchSize);
      expect(Number.isInteger(params['model.layers.0.units'])).toBe(true);
      expect(params['model.layers.0.units']).toBeGreaterThanOrEqual(8);
      expect(params['model.layers.0.units']).toBeLessThanOrEqual(64);
    }
    // Both ends of the int range are reachable, and log-uniform spreads over the decades (about 1/3 each).
    const units = new Set(trials.map((t) => t.params['model.layers.0.units']));
    expect(units.has(8) && units.has(64)).toBe(true);
    const decades = [1e-3, 1e-2].map((edge) => trials.filter((t) => (t.params['optimizer.lr'] as number) < edge).length);
    expect(decades[0]).toBeGreaterThan(40);
    expect(decades[0]).toBeLessThan(95);
    expect(decades[1] - decades[0]).toBeGreaterThan(40);
    expect(decades[1] - decades[0]).toBeLessThan(95);
  });

  it('random: a longer run starts with the trials of a shorter one (samples only adds)', () => {
    expect(planTrials(space, { method: 'random', samples: 12, seed: 1 }).slice(0, 5)).toEqual(planTrials(space, { method: 'random', samples: 5, seed: 1 }));
  });
});

describe('trialConfig', () => {
  const base = presetConfig('iris');
  it('sets each value at its path, names the trial and keeps the rest', () => {
    const config = trialConfig({ base, name: 'wine-lr' }, { trial: 3, params: { 'optimizer.lr': 0.02, 'model.layers.0.units': 8 } });
    expect(config.name).toBe('wine-lr-trial-3');
    expect(config.optimizer).toEqual({ ...base.optimizer, lr: 0.02 });
    expect(config.model.layers[0]).toEqual({ ...base.model.layers[0], units: 8 });
    expect(parseConfig(config)).toEqual(config);
  });
  it('pruning sets epochs to maxEpochs; a fold replaces the validation split', () => {
    const config = trialConfig({ base, name: 's', prune: { minEpochs: 2, reduction: 2, maxEpochs: 9 } }, { trial: 1, params: {} }, { index: 2, count: 5 });
    expect(config.epochs).toBe(9);
    expect(config.data).toEqual({ builtin: 'iris', standardize: true, testSplit: 0.2, fold: { index: 2, count: 5 } });
    expect(parseConfig(config)).toEqual(config);
  });
});
