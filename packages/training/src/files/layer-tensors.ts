import { clone, formatShape, shapesEqual, ShapeError, type Shape, type Tensor } from '@clearprop/tensor';
import { excerptList } from '@clearprop/data';
import { plural } from '../describe/plural.ts';
import { ModelFileError } from './model-file-error.ts';
import { activationName } from './spec-json.ts';
import { activationRecord, type ActivationSpec, type DenseParams, type ModelParams, type ModelSpec } from '@clearprop/nn';

/** How one file format names the tensors of dense layer `i`. */
export interface LayerTensorNames {
  /** What the format calls a stored tensor, for messages: `tensor` or `array`. */
  readonly noun: string;
  weight(i: number): string;
  bias(i: number): string;
  alpha(i: number): string;
}

/** PyTorch `nn.Linear` naming, as in `state_dict()` of an `nn.Sequential` stored under `layers`. */
export const safetensorsNames: LayerTensorNames = {
  noun: 'tensor',
  weight: (i) => `layers.${i}.weight`,
  bias: (i) => `layers.${i}.bias`,
  alpha: (i) => `layers.${i}.alpha`,
};

/** The NumPy convention: `W0, b0, W1, b1, …` (+ `alpha<i>` for PReLU). */
export const npzNames: LayerTensorNames = {
  noun: 'array',
  weight: (i) => `W${i}`,
  bias: (i) => `b${i}`,
  alpha: (i) => `alpha${i}`,
};

type Part = 'weight' | 'bias' | 'alpha';

/** True when the activation learns per-unit slopes, stored as `alpha` [units] (PReLU). */
const learnsAlpha = (activation: ActivationSpec): boolean => activationRecord(activationName(activation))?.traits.alpha?.learned ?? false;

/** The tensors a spec requires, by name, with their shapes: weight [units, in], bias [units], alpha [units]. */
export function expectedTensors(spec: ModelSpec, names: LayerTensorNames): { readonly name: string; readonly layer: number; readonly part: Part; readonly shape: Shape }[] {
  let inFeatures = spec.inputs;
  return spec.layers.flatMap((layer, i) => {
    const units = layer.units;
    const parts: { name: string; layer: number; part: Part; shape: Shape }[] = [
      { name: names.weight(i), layer: i, part: 'weight', shape: [units, inFeatures] },
      { name: names.bias(i), layer: i, part: 'bias', shape: [units] },
    ];
    if (learnsAlpha(layer.activation)) parts.push({ name: names.alpha(i), layer: i, part: 'alpha', shape: [units] });
    inFeatures = units;
    return parts;
  });
}

/**
 * Names the parameters of a model for a file format, keeping each tensor's dtype.
 * Throws ShapeError naming the tensor and both shapes when params do not fit the spec, so no unloadable file is written.
 */
export function tensorsFromParams(spec: ModelSpec, params: ModelParams, names: LayerTensorNames): Record<string, Tensor> {
  if (params.length !== spec.layers.length) {
    throw new ShapeError(`model params have ${plural(params.length, 'layer')}, spec has ${spec.layers.length}`);
  }
  const out: Record<string, Tensor> = {};
  for (const { name, layer, part, shape } of expectedTensors(spec, names)) {
    const t = params[layer][part];
    if (t === undefined) throw new ShapeError(`model params lack ${name} (spec expects ${formatShape(shape)})`, shape);
    if (!shapesEqual(t.shape, shape)) {
      throw new ShapeError(`${name} has shape ${formatShape(t.shape)}, spec expects ${formatShape(shape)}`, t.shape, shape);
    }
    out[name] = t;
  }
  const stray = params.findIndex((p, i) => p.alpha !== undefined && !learnsAlpha(spec.layers[i].activation));
  if (stray >= 0) {
    throw new ShapeError(`model params have alpha for layer ${stray}, whose activation ${activationName(spec.layers[stray].activation)} learns none`);
  }
  return out;
}

/** Whether NaN/±∞ weights are accepted when reading a model. */
export interface FiniteCheckOptions {
  /**
   * Load weights holding NaN or ±∞ instead of failing: for inspecting a diverged model, never for using one.
   * @defaultValue false
   */
  readonly allowNonFinite?: boolean;
}

/**
 * Builds model params from named tensors, validating them against the spec: a missing tensor, a tensor of the
 * wrong shape (naming both shapes), a tensor the spec does not use, or one holding NaN/±∞ (unless
 * `allowNonFinite`) is a ModelFileError naming `options.source`. Keeps dtypes; use toFloat32 for model weights.
 */
export function paramsFromTensors(
  spec: ModelSpec,
  tensors: Readonly<Record<string, Tensor>>,
  names: LayerTensorNames,
  options: FiniteCheckOptions & { readonly source: string },
): ModelParams {
  const { source } = options;
  const layers: Partial<Record<Part, Tensor>>[] = spec.layers.map(() => ({}));
  const expected = expectedTensors(spec, names);
  for (const { name, layer, part, shape } of expected) {
    // Own keys only: a file may name a tensor `constructor` or `__proto__`, which must not resolve to Object's.
    const t = Object.hasOwn(tensors, name) ? tensors[name] : undefined;
    if (t === undefined) throw new ModelFileError(source, `missing ${names.noun} ${name} (spec expects shape ${formatShape(shape)})`);
    if (!shapesEqual(t.shape, shape)) {
      throw new ModelFileError(source, `${names.noun} ${name} has shape ${formatShape(t.shape)}, spec expects ${formatShape(shape)}`);
    }
    if (options.allowNonFinite !== true) assertFiniteTensor(t, `${names.noun} ${name}`, source);
    layers[layer][part] = t;
  }
  const known = new Set(expected.map((e) => e.name));
  const extra = Object.keys(tensors).filter((name) => !known.has(name));
  if (extra.length > 0) throw new ModelFileError(source, `unexpected ${names.noun}(s) not in the spec: ${excerptList(extra)}`);
  // Safe: every layer's weight and bias are among `expected`, so the loop above has set them.
  return layers.map((l) => l as DenseParams);
}

/** Throws ModelFileError naming `what` and the first bad index unless every element of `t` is finite. */
export function assertFiniteTensor(t: Tensor, what: string, source: string): void {
  const data = t.data;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new ModelFileError(source, `${what} holds ${data[i]} at flat index ${i}; weights must be finite (allowNonFinite, or inspect --allow-non-finite, loads them for debugging)`);
    }
  }
}

/** The params with every tensor as float32 (float64 files load exactly, then round once to the training dtype). */
export function toFloat32(params: ModelParams): ModelParams {
  const convert = (t: Tensor): Tensor => (t.dtype === 'float32' ? t : clone(t, { dtype: 'float32' }));
  return params.map((p) => {
    const converted = { weight: convert(p.weight), bias: convert(p.bias) };
    return p.alpha === undefined ? converted : { ...converted, alpha: convert(p.alpha) };
  });
}
