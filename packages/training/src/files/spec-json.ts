import type { ActivationName, ActivationSpec, ModelSpec } from '@clearprop/nn';

/** The activation's name, whether written bare or as an options object. */
export function activationName(activation: ActivationSpec): ActivationName {
  return typeof activation === 'string' ? activation : activation.name;
}

/**
 * True when two specs describe the same network for loading purposes: input width, units and activations
 * (with options). Initializers are ignored because they do not affect stored weights.
 */
export function sameArchitecture(a: ModelSpec, b: ModelSpec): boolean {
  return architectureKey(a) === architectureKey(b);
}

/** A one-line description of a spec's architecture, e.g. `3-5-4-2 (tanh, relu, identity)`, for messages. */
export function describeArchitecture(spec: ModelSpec): string {
  const widths = [spec.inputs, ...spec.layers.map((l) => l.units)].join('-');
  return `${widths} (${spec.layers.map((l) => activationKey(l.activation)).join(', ')})`;
}

function architectureKey(spec: ModelSpec): string {
  return JSON.stringify([spec.inputs, spec.layers.map((l) => [l.units, activationKey(l.activation)])]);
}

function activationKey(activation: ActivationSpec): string {
  if (typeof activation === 'string' || activation.alpha === undefined) return activationName(activation);
  return `${activation.name}(alpha=${activation.alpha})`;
}
