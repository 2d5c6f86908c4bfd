import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classCounts, parseCsv, type CsvOptions } from '@clearprop/data';
import { buildExperiment } from './build.ts';
import { csvFiles } from './csv-files.ts';
import { ConfigError, parseConfig } from './schema.ts';
import type { ExperimentConfig } from './types.ts';

const config = parseConfig({
  name: 'tiny',
  data: { train: 'train.csv', validation: 'more/validation.csv', target: 'label', task: 'classification' },
  model: { layers: [{ units: 2, activation: 'softmax' }] },
  loss: 'softmaxCrossEntropy',
  optimizer: { name: 'sgd', lr: 0.1 },
  epochs: 1,
  batchSize: 2,
  seed: 1,
});
const files: Record<string, string> = {
  'train.csv': 'a,b,label\n0,0,0\n1,1,1\n0,1,0\n1,0,1\n',
  'more/validation.csv': 'a,b,label\n1,1,1\n0,0,0\n',
};

describe('buildExperiment with CSV data', () => {
  it('reads every file the config names through readCsv, with the config as options', () => {
    const calls: [string, Omit<CsvOptions, 'source'>][] = [];
    const experiment = buildExperiment(config, {
      readCsv: (path, options) => {
        calls.push([path, options]);
        return parseCsv(files[path], { ...options, source: path });
      },
    });
    expect(calls.map(([path]) => path)).toEqual(['train.csv', 'more/validation.csv']);
    expect(calls[0][1]).toEqual({ target: 'label', task: 'classification' });
    // The validation file takes the class count of the training file, so the one-hot widths agree.
    expect(calls[1][1]).toMatchObject({ target: 'label', task: 'classification', classes: 2 });
    expect(experiment.spec.train.length).toBe(4);
    expect(experiment.spec.validation?.length).toBe(2);
  });

  it('without readCsv (a browser, say) throws ConfigError naming the field and the way out', () => {
    expect(() => buildExperiment(config)).toThrow(ConfigError);
    expect(() => buildExperiment(config)).toThrow(/^tiny: data\.train: "train\.csv" is a CSV file and buildExperiment was given no readCsv \(in Node: readCsv: csvFiles\(dir\) from @clearprop\/training\/node\)$/);
  });
});

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clearprop-build-'));
  // 8 rows, labels 0/1 (3 of class 1), a weight column w.
  writeFileSync(join(dir, 'binary.csv'), 'a,b,w,label\n0,1,1,0\n1,0,2,1\n0,0,0.5,0\n1,1,1,1\n2,1,1,0\n0,2,3,0\n3,1,1,1\n1,2,0,0\n');
  writeFileSync(join(dir, 'three.csv'), 'a,label\n0,0\n1,1\n2,2\n');
  writeFileSync(join(dir, 'negative.csv'), 'a,w,label\n0,1,0\n1,-1,1\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const binary: ExperimentConfig = {
  data: { train: 'binary.csv' },
  model: { layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] },
  loss: 'binaryCrossEntropy', optimizer: { name: 'adam', lr: 0.01 }, batchSize: 4, epochs: 1, seed: 1,
};
const build = (config: ExperimentConfig) => buildExperiment(config, { readCsv: csvFiles(dir), source: 'my.json' });

describe('buildExperiment: a single sigmoid unit on a classification task is binary classification', () => {
  it('reads the 0/1 labels into one column (every other column a feature)', () => {
    const { train } = build(binary).spec;
    expect([train.task, train.targets, train.classes, train.features, Array.from(train.y)]).toEqual(['classification', 1, 2, 3, [0, 1, 0, 1, 0, 0, 1, 0]]);
  });
  it('rejects a label other than 0 or 1 in the CSV, naming the cell', () => {
    expect(() => build({ ...binary, data: { train: 'three.csv' } })).toThrow(/three\.csv, line 4, column 2 \("label"\): class label 2 is out of range for 2 classes/);
  });
  it('rejects a builtin set with more than two classes, naming the output layer', () => {
    expect(() => build({ ...binary, data: { builtin: 'iris' } })).toThrow('my.json: model.layers[1].units: iris: one output unit classifies two classes (labels 0 and 1), but the data has 3 classes');
  });
  it('turns a two-class builtin (moons) into one column', () => {
    expect(build({ ...binary, data: { builtin: 'moons', samples: 20 } }).spec.train).toMatchObject({ targets: 1, classes: 2 });
  });
  it('passes the threshold on to the spec', () => {
    expect(build({ ...binary, threshold: 0.3 }).spec.threshold).toBe(0.3);
  });
});

describe('buildExperiment: class and sample weights', () => {
  it('sampleWeight reads a column of row weights that is not a feature', () => {
    const { train } = build({ ...binary, data: { train: 'binary.csv', sampleWeight: 'w' } }).spec;
    expect([train.featureNames, Array.from(train.weights ?? [])]).toEqual([['a', 'b'], [1, 2, 0.5, 1, 1, 3, 1, 0]]);
  });
  it('names the cell of a negative weight and the header when the column is missing', () => {
    expect(() => build({ ...binary, data: { train: 'negative.csv', sampleWeight: 'w' } })).toThrow(/negative\.csv, line 3, column 2 \("w"\): sample weight -1 is negative/);
    expect(() => build({ ...binary, data: { train: 'binary.csv', sampleWeight: 'weight' } })).toThrow(/binary\.csv, line 1: sample weight column "weight" not found in the header; available columns: a, b, w, label/);
  });
  it('balanced class weights: n / (K · n_k) from the training rows, times the sample weights', () => {
    const { train } = build({ ...binary, data: { train: 'binary.csv', sampleWeight: 'w', classWeight: 'balanced' } }).spec;
    expect(classCounts(train)).toEqual([5, 3]);
    const perClass = [8 / (2 * 5), 8 / (2 * 3)];
    const sample = [1, 2, 0.5, 1, 1, 3, 1, 0];
    const labels = [0, 1, 0, 1, 0, 0, 1, 0];
    expect(Array.from(train.weights ?? [])).toEqual(sample.map((w, i) => Math.fround(w * perClass[labels[i]])));
  });
  it('a weight per label (unlisted labels weigh 1) on every split; an unknown label is an error naming it', () => {
    const { spec } = build({ ...binary, data: { builtin: 'iris', testSplit: 0.2, classWeight: { virginica: 2 } }, model: { layers: [{ units: 3, activation: 'softmax' }] }, loss: 'softmaxCrossEntropy' });
    for (const part of [spec.train, spec.test]) expect(new Set(part?.weights)).toEqual(new Set([1, 2]));
    expect(() => build({ ...binary, data: { train: 'binary.csv', classWeight: { yes: 2 } } })).toThrow('my.json: data.classWeight.yes: no class "yes" in the data; its class labels are 0, 1');
  });
});

describe('buildExperiment: regularization', () => {
  it('the top-level penalties go to every layer without its own; a layer’s own replace them', () => {
    const layers = [{ units: 4, activation: 'tanh' as const, regularization: { l1: 0.01 } }, { units: 1, activation: 'sigmoid' as const }];
    const { spec } = build({ ...binary, regularization: { l2: 0.001 }, model: { layers } });
    expect(spec.model.layers.map((l) => l.regularization)).toEqual([{ l1: 0.01 }, { l2: 0.001 }]);
  });
});
