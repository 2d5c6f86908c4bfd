import { describe, expect, it } from '@jest/globals';
import { presetConfig } from '../experiments/presets.ts';
import type { ExperimentConfig } from '../experiments/types.ts';
import { explainUnknownPath, getPath, setPath } from './config-path.ts';
import { SweepError } from './sweep-error.ts';
import { checkSweepFile, defineSweep } from './sweep-file.ts';

const iris = presetConfig('iris');
const file = (extra: Record<string, unknown> = {}) => ({
  base: 'iris.json',
  space: { 'optimizer.lr': { loguniform: [0.0001, 0.1] }, batchSize: { choice: [16, 32] }, 'model.layers.0.units': { int: [8, 64] } },
  search: { method: 'random', samples: 12, seed: 1 },
  objective: { metric: 'validation.accuracy', mode: 'max' },
  ...extra,
});
const define = (raw: unknown, base: ExperimentConfig = iris) => defineSweep(checkSweepFile(raw, 'sweep.yaml'), base, { source: 'sweep.yaml', name: 'sweep' });
const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SweepError);
    return (error as Error).message;
  }
  throw new Error('no error');
};

describe('config paths', () => {
  it('accepts paths the schema has, through optionals, unions and array items', () => {
    for (const path of ['optimizer.lr', 'model.layers.0.units', 'model.layers.1.activation.alpha', 'optimizer.schedule.stepSize', 'earlyStopping.patience', 'data.fold.count', 'model.layers']) {
      expect(explainUnknownPath(path)).toBeUndefined();
    }
  });
  it('names the first unknown segment and the keys that exist there', () => {
    expect(explainUnknownPath('optimizer.lrr')).toBe('optimizer has no key "lrr" (it has name, lr, momentum, nesterov, b1, b2, eps, weightDecay, clipNorm, schedule, warmupSteps)');
    expect(explainUnknownPath('model.layers.units')).toBe('model.layers has no key "units" (it has <index>)');
    expect(explainUnknownPath('epochs.max')).toBe('epochs is a value, not an object or list');
    expect(explainUnknownPath('nope')).toMatch(/^the config has no key "nope" \(it has name, description, data/);
  });
  it('setPath copies only the path and refuses an index past the end', () => {
    const next = setPath(iris, 'model.layers.0.units', 99);
    expect(getPath(next, 'model.layers.0.units')).toBe(99);
    expect(getPath(iris, 'model.layers.0.units')).toBe(16);
    expect(next.model.layers[1]).toBe(iris.model.layers[1]);
    expect(next.data).toBe(iris.data);
    expect(() => setPath(iris, 'model.layers.5.units', 1)).toThrow('model.layers.5: model.layers has 2 items (indices 0…1)');
    expect(getPath(setPath(iris, 'earlyStopping.patience', 3), 'earlyStopping')).toEqual({ patience: 3 });
  });
});

describe('sweep files', () => {
  it('the issue’s example defines a random search with the objective’s direction', () => {
    const sweep = define(file({ parallel: 2, prune: { method: 'asha', minEpochs: 10, reduction: 3 }, cv: 5 }));
    expect(sweep.space.map((s) => s.path)).toEqual(['optimizer.lr', 'batchSize', 'model.layers.0.units']);
    expect(sweep.search).toEqual({ method: 'random', samples: 12, seed: 1 });
    expect(sweep.objective).toEqual({ split: 'validation', metric: 'accuracy', mode: 'max' });
    expect(sweep.prune).toEqual({ minEpochs: 10, reduction: 3, maxEpochs: 150 });
    expect(sweep.cv).toBe(5);
  });
  it('defaults: objective validation.loss (min), accuracy and r2 maximized, random seed 1', () => {
    expect(define(file({ objective: undefined })).objective).toEqual({ split: 'validation', metric: 'loss', mode: 'min' });
    expect(define(file({ objective: { metric: 'train.accuracy' } })).objective.mode).toBe('max');
    expect(define(file({ search: { method: 'random', samples: 2 } })).search).toEqual({ method: 'random', samples: 2, seed: 1 });
  });
  it.each([
    ['an unknown config path', { space: { 'optimizer.lrr': { choice: [1] } } }, 'sweep.yaml: space."optimizer.lrr": unknown config path: optimizer has no key "lrr"'],
    ['an array item the base lacks', { space: { 'model.layers.2.units': { int: [1, 2] } } }, 'sweep.yaml: space."model.layers.2.units": not in the base experiment: model.layers.2: model.layers has 2 items (indices 0…1)'],
    ['a range with a > b', { space: { 'optimizer.lr': { uniform: [0.1, 0.01] } } }, 'sweep.yaml: space."optimizer.lr": uniform range [0.1, 0.01] has a > b'],
    ['an int range with a > b', { space: { batchSize: { int: [32, 8] } } }, 'sweep.yaml: space."batchSize": int range [32, 8] has a > b'],
    ['loguniform with a bound ≤ 0', { space: { 'optimizer.lr': { loguniform: [0, 0.1] } } }, 'sweep.yaml: space."optimizer.lr": loguniform bounds must be > 0, got [0, 0.1]'],
    ['a value the schema refuses', { space: { 'optimizer.lr': { choice: [0.1, -1] } } }, 'sweep.yaml: space."optimizer.lr": value -1 makes an invalid config: optimizer.lr: '],
    ['a choice of an unknown activation', { space: { 'model.layers.0.activation': { choice: ['relu', 'swish2'] } } }, 'value "swish2" makes an invalid config: model.layers[0].activation'],
    ['a continuous domain in a grid', { search: { method: 'grid' } }, 'sweep.yaml: space."optimizer.lr": grid search takes only choice and int domains, not loguniform'],
    ['a domain of two kinds', { space: { batchSize: { choice: [1], int: [1, 2] } } }, 'sweep.yaml: space."batchSize": expected one of { choice: [...] }'],
    ['an unknown top-level key', { spaces: {} }, 'sweep.yaml: unknown key "spaces"'],
    ['an empty space', { space: {} }, 'sweep.yaml: space: give at least one config path'],
    ['a metric of the other task', { objective: { metric: 'validation.r2' } }, 'sweep.yaml: objective.metric: "r2" is not a classification metric; use one of validation.loss, validation.accuracy, validation.precision, validation.recall, validation.f1, validation.auc, validation.logLoss'],
    ['an objective on the test set', { objective: { metric: 'test.accuracy' } }, 'sweep.yaml: objective.metric: expected "<split>.<metric>", split train or validation'],
    ['pruning with epochs in the space', { space: { epochs: { choice: [5, 10] } }, prune: { method: 'asha', minEpochs: 2, reduction: 2 } }, 'space."epochs": prune sets the epochs of every trial'],
    ['pruning without a rung', { prune: { method: 'asha', minEpochs: 150, reduction: 3 } }, 'sweep.yaml: prune.minEpochs: 150 is not below maxEpochs 150: there is no rung to stop trials at'],
    ['pruning on a train metric known only at the end', { objective: { metric: 'train.accuracy' }, prune: { method: 'asha', minEpochs: 2, reduction: 2 } }, 'train.accuracy is only known at the end of a run'],
    ['cv of 1', { cv: 1 }, 'sweep.yaml: cv: '],
  ])('rejects %s', (_name, change, expected) => {
    expect(message(() => define(file(change)))).toContain(expected);
  });
  it('a validation objective needs validation data, which cv provides', () => {
    const { validationSplit: _v, ...data } = iris.data;
    const noValidation = { ...iris, data };
    expect(message(() => define(file(), noValidation))).toBe('sweep.yaml: objective.metric: validation.accuracy: the base experiment has no validation data; add data.validationSplit or data.validation to it, or cv to the sweep');
    expect(define(file({ cv: 3 }), noValidation).cv).toBe(3);
  });
});
