import { describe, expect, it } from '@jest/globals';
import { ACTIVATION_NAMES } from '@clearprop/nn';
import { parseModelSpec } from './model-metadata.ts';

const spec = (activation: unknown, last: unknown = 'identity') => ({ inputs: 2, layers: [{ units: 3, activation }, { units: 1, activation: last }] });

describe('parseModelSpec checks activations against the registry', () => {
  it('accepts every registered activation name, and alpha where the activation takes one', () => {
    for (const name of ACTIVATION_NAMES.filter((n) => n !== 'softmax')) expect(parseModelSpec(spec(name), 'm.safetensors').layers[0].activation).toBe(name);
    expect(parseModelSpec(spec({ name: 'prelu', alpha: 0.1 }), 'm.safetensors').layers[0].activation).toEqual({ name: 'prelu', alpha: 0.1 });
    expect(parseModelSpec(spec('tanh', 'softmax'), 'm.safetensors').layers[1].activation).toBe('softmax');
  });

  it('names the file, the field and the problem otherwise', () => {
    expect(() => parseModelSpec(spec({ name: 'tanh', alpha: 2 }), 'm.safetensors')).toThrow('m.safetensors: metadata "spec".layers[0].activation: activation "tanh" takes no alpha');
    expect(() => parseModelSpec(spec('softmax'), 'm.safetensors')).toThrow('m.safetensors: metadata "spec".layers[0].activation: softmax is only supported on the output layer');
    expect(() => parseModelSpec(spec('notAnActivation'), 'm.safetensors')).toThrow(/^m\.safetensors: metadata "spec"\.layers\[0\]\.activation: /);
  });
});
