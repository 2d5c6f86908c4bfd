import { describe, expect, it } from '@jest/globals';
import { parseConfig } from './schema.ts';

// A valid CSV classification config; each case changes one part of it.
const base = {
  data: { train: 'wine.csv', target: 'label', task: 'classification' },
  model: { layers: [{ units: 8, activation: 'relu' }, { units: 3, activation: 'softmax' }] },
  loss: 'softmaxCrossEntropy', optimizer: { name: 'adam', lr: 0.01 }, batchSize: 16, epochs: 2, seed: 1,
};
type Config = typeof base;
const message = (change: (c: Config) => object): string => {
  try {
    parseConfig(change(structuredClone(base)), 'wine.json');
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('config checks across fields, each naming the field (#11 F11, F12)', () => {
  it.each<[string, (c: Config) => object, string]>([
    ['softmax on a hidden layer', (c) => ({ ...c, model: { layers: [{ units: 8, activation: 'softmax' }, { units: 3, activation: 'softmax' }] } }),
      'wine.json: model.layers[0].activation: softmax is only supported on the output layer (layer 1); hidden layers take e.g. relu or tanh'],
    ['softmaxCrossEntropy on a regression task', (c) => ({ ...c, data: { ...c.data, task: 'regression' } }),
      'wine.json: data.task: a regression task does not fit loss "softmaxCrossEntropy", which compares class probabilities: use "classification", or a regression loss (meanSquaredError, halfSumSquared)'],
    ['softmaxCrossEntropy on the sin data', (c) => ({ ...c, data: { builtin: 'sin' } }), 'wine.json: loss: a regression task does not fit loss "softmaxCrossEntropy"'],
    ['splits that leave nothing to train on', (c) => ({ ...c, data: { ...c.data, validationSplit: 0.5, testSplit: 0.5 } }),
      'wine.json: data.testSplit: validationSplit 0.5 + testSplit 0.5 leave no rows to train on; together they must be below 1'],
    ['momentum with adam', (c) => ({ ...c, optimizer: { ...c.optimizer, momentum: 0.9 } }),
      'wine.json: optimizer.momentum: "adam" does not use momentum (SGD momentum; Adam’s counterpart is b1); remove it, or use "sgd"'],
    ['b1 with sgd', (c) => ({ ...c, optimizer: { name: 'sgd', lr: 0.1, b1: 0.8 } }), 'wine.json: optimizer.b1: "sgd" does not use b1 (Adam’s first-moment decay); remove it, or use "adam" or "adamw"'],
    ['weightDecay with adam', (c) => ({ ...c, optimizer: { ...c.optimizer, weightDecay: 0.01 } }), 'wine.json: optimizer.weightDecay: "adam" does not use weightDecay'],
    ['nesterov without momentum', (c) => ({ ...c, optimizer: { name: 'sgd', lr: 0.1, nesterov: true } }), 'wine.json: optimizer.nesterov: Nesterov needs momentum > 0'],
    ['b1 = 1, which Adam cannot use', (c) => ({ ...c, optimizer: { ...c.optimizer, b1: 1 } }), 'wine.json: optimizer.b1: '],
    ['a validation monitor without validation data', (c) => ({ ...c, earlyStopping: { monitor: 'validation.loss' } }),
      'wine.json: earlyStopping.monitor: "validation.loss" needs a validation set: add data.validation or data.validationSplit, or monitor "train.loss"'],
    ['a training-set metric that is never measured', (c) => ({ ...c, reduceLrOnPlateau: { monitor: 'train.accuracy' } }),
      'wine.json: reduceLrOnPlateau.monitor: only the loss is measured on the training set while training; monitor "train.loss" or "validation.accuracy"'],
    ['accuracy on regression', (c) => ({ ...c, data: { builtin: 'sin', validationSplit: 0.2 }, loss: 'meanSquaredError', model: { layers: [{ units: 1, activation: 'identity' }] }, earlyStopping: { monitor: 'validation.accuracy' } }),
      'wine.json: earlyStopping.monitor: a regression run has no accuracy; it reports loss, mse, r2'],
    ['r2 on classification', (c) => ({ ...c, data: { ...c.data, validation: 'v.csv' }, earlyStopping: { monitor: 'validation.r2' } }),
      'wine.json: earlyStopping.monitor: a classification run has no r2; it reports loss, accuracy, precision, recall, f1, auc, logLoss'],
  ])('%s', (_name, change, expected) => {
    expect(message(change)).toContain(expected);
  });

  it('accepts what fits: monitors with validation data, the optimizers’ own settings, splits below 1', () => {
    expect(message((c) => ({ ...c, data: { ...c.data, validationSplit: 0.2, testSplit: 0.2 }, earlyStopping: { monitor: 'validation.accuracy' }, reduceLrOnPlateau: { monitor: 'train.loss' } }))).toBe('accepted');
    expect(message((c) => ({ ...c, optimizer: { name: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true } }))).toBe('accepted');
    expect(message((c) => ({ ...c, optimizer: { name: 'adamw', lr: 0.1, b1: 0.8, b2: 0.99, eps: 1e-7, weightDecay: 0.01 } }))).toBe('accepted');
    expect(message((c) => ({ ...c, data: { ...c.data, validation: 'v.csv', validationSplit: 0.9, testSplit: 0.5 } }))).toBe('accepted');
    // Classifier scores (issue #12) are monitors too; a cross-validation fold is validation data.
    expect(message((c) => ({ ...c, data: { ...c.data, validationSplit: 0.2 }, earlyStopping: { monitor: 'validation.f1' }, reduceLrOnPlateau: { monitor: 'validation.auc' } }))).toBe('accepted');
    expect(message((c) => ({ ...c, data: { ...c.data, fold: { index: 1, count: 5 } }, earlyStopping: { monitor: 'validation.loss' } }))).toBe('accepted');
  });

  it('an unknown schedule name lists the schedules, without the activation-name hint', () => {
    const text = message((c) => ({ ...c, optimizer: { ...c.optimizer, schedule: { name: 'cosin' } } }));
    expect(text).toMatch(/^wine\.json: optimizer\.schedule\.name: .*'cosine'/);
    expect(text).not.toContain('activation');
  });
});
