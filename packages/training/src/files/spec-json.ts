import { resolveActivation, type ActivationName, type ActivationSpec, type ModelSpec } from '@clearprop/nn';
import { isPlainObject, parseJson } from './json.ts';
import { ModelFileError } from './model-file-error.ts';

/** The activation's name, whether written bare or as an options object. */
export function activationName(activation: ActivationSpec): ActivationName {
  return typeof activation === 'string' ? activation : activation.name;
}

/**
 * Parses the `spec` metadata of a model file, checking its structure (input width, units, activations and their
 * options, against the registry) so that a hand-edited or foreign file fails here rather than deep inside a forward pass.
 */
export function parseSpec(text: string, source: string): ModelSpec {
  const spec = parseJson(text, 'spec', source);
  const fail = (problem: string): never => {
    throw new ModelFileError(source, `metadata "spec" is not a valid model spec: ${problem}`);
  };
  if (!isPlainObject(spec)) return fail('not an object');
  if (!isPositiveInteger(spec.inputs)) fail(`inputs ${JSON.stringify(spec.inputs)} is not a positive integer`);
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) return fail('layers is not a non-empty list');
  spec.layers.forEach((layer: unknown, i) => {
    if (!isPlainObject(layer)) return fail(`layer ${i} is not an object`);
    if (!isPositiveInteger(layer.units)) fail(`layer ${i} units ${JSON.stringify(layer.units)} is not a positive integer`);
    if (typeof layer.activation !== 'string' && !isPlainObject(layer.activation)) fail(`layer ${i} activation ${JSON.stringify(layer.activation)} is neither a name nor { "name", "alpha" }`);
    try {
      resolveActivation(layer.activation as ActivationSpec);
    } catch (error) {
      fail(`layer ${i} activation ${JSON.stringify(layer.activation)}: ${(error as Error).message}`);
    }
  });
  return spec as unknown as ModelSpec;
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

function isPositiveInteger(x: unknown): boolean {
  return Number.isSafeInteger(x) && (x as number) > 0;
}
