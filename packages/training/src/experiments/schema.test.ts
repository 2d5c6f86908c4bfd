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
