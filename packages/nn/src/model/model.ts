import { allocate, fromData, type DType, type Rng } from '@clearprop/tensor';
import type { Activation } from '../activations/activation.ts';
import { resolveActivation } from '../activations/resolve.ts';
import { initWeights } from '../init/initializers.ts';
import type { DenseParams, ModelParams } from './params.ts';
import type { ActivationSpec, ModelSpec } from './spec.ts';

/** Thrown for an invalid model spec; the message names the layer index and field. */
export class ModelSpecError extends Error {
  override readonly name = 'ModelSpecError';
}

/** A validated fully connected network: the architecture, no weights (those are ModelParams). */
export interface Model {
  readonly spec: ModelSpec;
  /** Layer widths including the input: [inputs, units₀, units₁, …]. */
  readonly widths: readonly number[];
  readonly activations: readonly Activation[];
  readonly inputs: number;
  readonly outputs: number;
  readonly parameterCount: number;
  /** Draws initial parameters from `rng` (weights by each layer's initializer, PReLU slopes at their initial α). */
  init(rng: Rng, options?: { readonly dtype?: DType }): ModelParams;
  /** A one-line summary such as `1-32-32-1 tanh/tanh/identity`. */
  describe(): string;
}

const activationName = (spec: ActivationSpec): string => (typeof spec === 'string' ? spec : spec.name);

/** Validates a ModelSpec and builds the Model. Throws ModelSpecError naming the bad layer and field. */
export function sequential(spec: ModelSpec): Model {
  if (!Number.isInteger(spec.inputs) || spec.inputs < 1) throw new ModelSpecError(`model.inputs must be a positive integer, got ${spec.inputs}`);
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) throw new ModelSpecError('model.layers must list at least one layer');
  const activations = spec.layers.map((layer, i) => {
    if (!Number.isInteger(layer.units) || layer.units < 1) throw new ModelSpecError(`model.layers[${i}].units must be a positive integer, got ${layer.units}`);
    try {
      return resolveActivation(layer.activation);
    } catch (error) {
      throw new ModelSpecError(`model.layers[${i}].activation: ${(error as Error).message}`);
    }
  });
  activations.forEach((a, i) => {
    if (a.traits.outputOnly && i !== activations.length - 1) throw new ModelSpecError(`model.layers[${i}]: ${a.name} is only supported on the output layer`);
  });
  const widths = [spec.inputs, ...spec.layers.map((l) => l.units)];
  const parameterCount = spec.layers.reduce((n, l, i) => n + l.units * (widths[i] + 1) + (activations[i].learnsAlpha ? l.units : 0), 0);
  return {
    spec,
    widths,
    activations,
    inputs: spec.inputs,
    outputs: widths[widths.length - 1],
    parameterCount,
    init(rng, options = {}) {
      const dtype = options.dtype ?? 'float32';
      return spec.layers.map((layer, i): DenseParams => {
        const [inF, outF] = [widths[i], widths[i + 1]];
        const init = layer.init ?? activations[i].traits.defaultInit;
        const weight = allocate(dtype, outF * inF);
        initWeights(init, rng, weight, inF, outF);
        const bias = allocate(dtype, outF);
        if (init === 'normal') for (let j = 0; j < outF; j++) bias[j] = rng.normal();
        const params: DenseParams = { weight: fromData(weight, [outF, inF]), bias: fromData(bias, [outF]) };
        if (!activations[i].learnsAlpha) return params;
        // resolveActivation always sets alpha (to its default if the spec gives none) for a learned one.
        return { ...params, alpha: fromData(allocate(dtype, outF).fill(activations[i].alpha ?? 0), [outF]) };
      });
    },
    describe() {
      return `${widths.join('-')} ${spec.layers.map((l) => activationName(l.activation)).join('/')}`;
    },
  };
}
