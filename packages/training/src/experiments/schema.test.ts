import { describe, expect, it } from '@jest/globals';
import { ACTIVATION_NAMES, LOSS_NAMES } from '@clearprop/nn';
import { ConfigError, parseConfig } from './schema.ts';

/** A valid config (the sin preset's shape) with the given layers and loss. */
const config = (layers: readonly unknown[], loss = 'meanSquaredError') => ({
  data: { builtin: 'sin' }, model: { layers }, loss, optimizer: { name: 'adam', lr: 0.01 }, batchSize: 16, epochs: 1, seed: 1,
});

const failure = (raw: unknown): ConfigError => {
  try {
    parseConfig(raw, 'my.json');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('parseConfig accepted the config');
};

describe('parseConfig: activations and losses come from the nn registries', () => {
  it('lists every registered activation for an unknown one', () => {
    const error = failure(config([{ units: 1, activation: 'notAnActivation' }]));
    expect(error.field).toBe('model.layers[0].activation');
    expect(error.message).toContain(`expected an activation name (${ACTIVATION_NAMES.join(', ')})`);
  });
  it('lists every registered loss for an unknown one', () => {
    expect(failure(config([{ units: 1, activation: 'identity' }], 'hinge')).message).toBe(`my.json: loss: must be one of ${LOSS_NAMES.map((n) => `"${n}"`).join(', ')}`);
  });
  it('refuses alpha for an activation that takes none, naming where it was written', () => {
    expect(failure(config([{ units: 1, activation: 'tanh', alpha: 0.5 }])).message).toBe('my.json: model.layers[0].alpha: activation "tanh" takes no alpha (only leakyRelu and prelu do)');
    expect(failure(config([{ units: 2, activation: 'relu' }, { units: 1, activation: { name: 'identity', alpha: 1 } }])).field).toBe('model.layers[1].activation.alpha');
  });
  it('folds a layer’s alpha into its activation where the activation takes one', () => {
    expect(parseConfig(config([{ units: 1, activation: 'leakyRelu', alpha: 0.5 }])).model.layers[0].activation).toEqual({ name: 'leakyRelu', alpha: 0.5 });
  });
});

describe('parseConfig: regularization, dropout, class and sample weights, threshold', () => {
  const layers = [{ units: 8, activation: 'relu' }, { units: 1, activation: 'sigmoid' }];
  const binary = { ...config(layers, 'binaryCrossEntropy'), data: { train: 'b.csv' } };
  it('accepts the new keys', () => {
    const parsed = parseConfig({
      ...binary, regularization: { l2: 1e-4 }, threshold: 0.3, data: { train: 'b.csv', classWeight: 'balanced', sampleWeight: 'w' },
      model: { layers: [{ ...layers[0], dropout: 0.5, regularization: { l1: 1e-5 } }, layers[1]] },
    });
    expect([parsed.regularization, parsed.threshold, parsed.data.classWeight, parsed.model.layers[0].dropout]).toEqual([{ l2: 1e-4 }, 0.3, 'balanced', 0.5]);
  });
  it.each([
    ['model.layers[0].dropout', { ...binary, model: { layers: [{ ...layers[0], dropout: 1 }, layers[1]] } }, 'must be in [0, 1) (the probability of dropping a unit)'],
    ['model.layers[0].dropout', { ...binary, model: { layers: [{ ...layers[0], dropout: -0.1 }, layers[1]] } }, 'must be in [0, 1) (the probability of dropping a unit)'],
    ['model.layers[1].dropout', { ...binary, model: { layers: [layers[0], { ...layers[1], dropout: 0.2 }] } }, 'the output layer cannot drop units (it would drop predictions); put dropout on a hidden layer'],
    ['regularization.l2', { ...binary, regularization: { l2: -1 } }, 'must be a number ≥ 0 (a penalty weight λ)'],
    ['model.layers[0].regularization.l1', { ...binary, model: { layers: [{ ...layers[0], regularization: { l1: -0.5 } }, layers[1]] } }, 'must be a number ≥ 0 (a penalty weight λ)'],
    ['threshold', { ...binary, threshold: 1 }, 'must be in (0, 1)'],
    ['threshold', { ...binary, threshold: 0 }, 'must be in (0, 1)'],
    ['threshold', { ...config([{ units: 3, activation: 'softmax' }], 'softmaxCrossEntropy'), threshold: 0.4 }, 'applies to a binary classifier only: one output unit and a classification task (labels 0/1)'],
    ['model.layers[0].units', config([{ units: 1, activation: 'softmax' }], 'softmaxCrossEntropy'), 'softmax over 1 unit always outputs 1; for two classes use 1 sigmoid unit with binaryCrossEntropy, or 2 softmax units'],
    ['data.classWeight.1', { ...binary, data: { train: 'b.csv', classWeight: { 1: -2 } } }, 'must be a number ≥ 0'],
    ['data.classWeight', { ...config(layers), data: { builtin: 'sin', classWeight: 'balanced' } }, 'applies to classification only'],
    ['data.sampleWeight', { ...binary, data: { builtin: 'moons', sampleWeight: 'w' } }, 'sampleWeight names a CSV column: it needs "train" (a CSV), not a builtin set'],
  ])('names %s', (field, raw, detail) => {
    const error = failure(raw);
    expect([error.field, error.message]).toEqual([field, `my.json: ${field}: ${detail}`]);
  });
});
