import { clone, formatShape, shapesEqual, ShapeError, type Shape, type Tensor } from '@clearprop/tensor';
import { plural } from '../describe/plural.ts';
import { ModelFileError } from './model-file-error.ts';
import { activationName } from './spec-json.ts';
import type { DenseParams, ModelParams, ModelSpec } from '@clearprop/nn';

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

/** The tensors a spec requires, by name, with their shapes: weight [units, in], bias [units], alpha [units]. */
export function expectedTensors(spec: ModelSpec, names: LayerTensorNames): { readonly name: string; readonly layer: number; readonly part: Part; readonly shape: Shape }[] {
  let inFeatures = spec.inputs;
  return spec.layers.flatMap((layer, i) => {
    const units = layer.units;
    const parts: { name: string; layer: number; part: Part; shape: Shape }[] = [
      { name: names.weight(i), layer: i, part: 'weight', shape: [units, inFeatures] },
      { name: names.bias(i), layer: i, part: 'bias', shape: [units] },
    ];
    if (activationName(layer.activation) === 'prelu') parts.push({ name: names.alpha(i), layer: i, part: 'alpha', shape: [units] });
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
  if (params.some((p, i) => p.alpha !== undefined && activationName(spec.layers[i].activation) !== 'prelu')) {
    throw new ShapeError('model params have alpha for a layer whose activation is not prelu');
  }
  return out;
}

/**
 * Builds model params from named tensors, validating them against the spec: a missing tensor, a tensor of the
 * wrong shape (naming both shapes) or a tensor the spec does not use is a ModelFileError naming `source`.
 * Keeps dtypes; use toFloat32 for model weights.
 */
export function paramsFromTensors(spec: ModelSpec, tensors: Readonly<Record<string, Tensor>>, names: LayerTensorNames, source: string): ModelParams {
  const layers: Partial<Record<Part, Tensor>>[] = spec.layers.map(() => ({}));
  const expected = expectedTensors(spec, names);
  for (const { name, layer, part, shape } of expected) {
    const t = tensors[name];
    if (t === undefined) throw new ModelFileError(source, `missing ${names.noun} ${name} (spec expects shape ${formatShape(shape)})`);
    if (!shapesEqual(t.shape, shape)) {
      throw new ModelFileError(source, `${names.noun} ${name} has shape ${formatShape(t.shape)}, spec expects ${formatShape(shape)}`);
    }
    layers[layer][part] = t;
  }
  const known = new Set(expected.map((e) => e.name));
  const extra = Object.keys(tensors).filter((name) => !known.has(name));
  if (extra.length > 0) throw new ModelFileError(source, `unexpected ${names.noun}(s) not in the spec: ${extra.join(', ')}`);
  // Safe: every layer's weight and bias are among `expected`, so the loop above has set them.
  return layers.map((l) => l as DenseParams);
}

/** The params with every tensor as float32 (float64 files load exactly, then round once to the training dtype). */
export function toFloat32(params: ModelParams): ModelParams {
  const convert = (t: Tensor): Tensor => (t.dtype === 'float32' ? t : clone(t, { dtype: 'float32' }));
  return params.map((p) => {
    const converted = { weight: convert(p.weight), bias: convert(p.bias) };
    return p.alpha === undefined ? converted : { ...converted, alpha: convert(p.alpha) };
  });
}
