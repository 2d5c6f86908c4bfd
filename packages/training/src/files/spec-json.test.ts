import { describe, expect, it } from '@jest/globals';
import { ACTIVATION_NAMES } from '@clearprop/nn';
import { parseSpec } from './spec-json.ts';

const spec = (activation: unknown) => JSON.stringify({ inputs: 2, layers: [{ units: 3, activation }, { units: 1, activation: 'identity' }] });

describe('parseSpec checks activations against the registry', () => {
  it('accepts every registered activation name, and alpha where the activation takes one', () => {
    for (const name of ACTIVATION_NAMES) expect(parseSpec(spec(name), 'm.safetensors').layers[0].activation).toBe(name);
    expect(parseSpec(spec({ name: 'prelu', alpha: 0.1 }), 'm.safetensors').layers[0].activation).toEqual({ name: 'prelu', alpha: 0.1 });
  });
  it('names the file, the layer and the problem otherwise', () => {
    const prefix = 'm.safetensors: metadata "spec" is not a valid model spec: layer 0 activation';
    expect(() => parseSpec(spec('notAnActivation'), 'm.safetensors')).toThrow(`${prefix} "notAnActivation": unknown activation "notAnActivation"; expected one of ${ACTIVATION_NAMES.join(', ')}`);
    expect(() => parseSpec(spec({ name: 'tanh', alpha: 2 }), 'm.safetensors')).toThrow(`${prefix} {"name":"tanh","alpha":2}: activation "tanh" takes no alpha`);
    expect(() => parseSpec(spec(null), 'm.safetensors')).toThrow(`${prefix} null is neither a name nor { "name", "alpha" }`);
  });
});
