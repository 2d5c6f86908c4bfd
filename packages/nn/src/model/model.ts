import { allocate, fromData, type DType, type Rng } from '@clearprop/tensor';
import type { Activation } from '../activations/activation.ts';
import { resolveActivation } from '../activations/resolve.ts';
import { INITIALIZER_NAMES, initWeights } from '../init/initializers.ts';
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
  /** Weight penalties λ₁, λ₂ per layer (0 where the spec gives none); see Regularization. */
  readonly penalties: readonly { readonly l1: number; readonly l2: number }[];
  /** Dropout rate per layer, 0 where none; the output layer's is always 0. */
  readonly dropout: readonly number[];
  /** True when any layer has a weight penalty (so lossInto adds it and backwardInto differentiates it). */
  readonly penalized: boolean;
  /** True when any layer drops units during training. */
  readonly dropsUnits: boolean;
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
  const { penalties, dropout } = trainingOptions(spec);
  const widths = [spec.inputs, ...spec.layers.map((l) => l.units)];
  const parameterCount = spec.layers.reduce((n, l, i) => n + l.units * (widths[i] + 1) + (activations[i].learnsAlpha ? l.units : 0), 0);
  return {
    spec,
    widths,
    activations,
    inputs: spec.inputs,
    outputs: widths[widths.length - 1],
    parameterCount,
    penalties,
    dropout,
    penalized: penalties.some((p) => p.l1 > 0 || p.l2 > 0),
    dropsUnits: dropout.some((p) => p > 0),
    init: (rng, options = {}) => initParams({ spec, widths, activations }, rng, options.dtype ?? 'float32'),
    describe() {
      return `${widths.join('-')} ${spec.layers.map((l) => activationName(l.activation)).join('/')}`;
    },
  };
}

/** Draws the parameters of every layer: weights by the layer's initializer, PReLU slopes at their initial α. */
function initParams(model: Pick<Model, 'spec' | 'widths' | 'activations'>, rng: Rng, dtype: DType): ModelParams {
  const { widths, activations } = model;
  return model.spec.layers.map((layer, i): DenseParams => {
    const [inF, outF] = [widths[i], widths[i + 1]];
    const init = layer.init ?? activations[i].traits.defaultInit;
    const weight = allocate(dtype, outF * inF);
    initWeights(init, rng, weight, inF, outF);
    const bias = allocate(dtype, outF);
    const biasInit = layer.biasInit ?? (init === 'normal' ? 'normal' : 'zeros');
    if (biasInit !== 'zeros') initWeights(biasInit, rng, bias, inF, outF);
    const params: DenseParams = { weight: fromData(weight, [outF, inF]), bias: fromData(bias, [outF]) };
    if (!activations[i].learnsAlpha) return params;
    // resolveActivation always sets alpha (to its default if the spec gives none) for a learned one.
    return { ...params, alpha: fromData(allocate(dtype, outF).fill(activations[i].alpha ?? 0), [outF]) };
  });
}

/** Reads and checks the training-only options of each layer: weight penalties and dropout. */
function trainingOptions(spec: ModelSpec): { penalties: { l1: number; l2: number }[]; dropout: number[] } {
  const last = spec.layers.length - 1;
  const penalties = spec.layers.map((layer, i) => {
    const { l1 = 0, l2 = 0 } = layer.regularization ?? {};
    for (const [name, value] of [['l1', l1], ['l2', l2]] as const) {
      if (!Number.isFinite(value) || value < 0) throw new ModelSpecError(`model.layers[${i}].regularization.${name} must be a finite number ≥ 0, got ${value}`);
    }
    return { l1, l2 };
  });
  spec.layers.forEach((layer, i) => {
    if (layer.biasInit !== undefined && layer.biasInit !== 'zeros' && !INITIALIZER_NAMES.includes(layer.biasInit)) {
      throw new ModelSpecError(`model.layers[${i}].biasInit: unknown initializer "${String(layer.biasInit)}"; expected zeros, ${INITIALIZER_NAMES.join(', ')}`);
    }
  });
  const dropout = spec.layers.map((layer, i) => {
    const p = layer.dropout ?? 0;
    if (!Number.isFinite(p) || p < 0 || p >= 1) throw new ModelSpecError(`model.layers[${i}].dropout must be in [0, 1), got ${p}`);
    if (p > 0 && i === last) throw new ModelSpecError(`model.layers[${i}].dropout: the output layer cannot drop units (it would drop predictions); put dropout on a hidden layer`);
    return p;
  });
  return { penalties, dropout };
}
