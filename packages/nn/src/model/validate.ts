import { assertFinite, formatShape, ShapeError, type Tensor } from '@clearprop/tensor';
import type { Model } from './model.ts';
import type { ModelParams } from './params.ts';

/** Throws ShapeError naming the tensor and both shapes unless `params` fit `model` exactly. */
export function assertParams(model: Model, params: ModelParams): void {
  if (params.length !== model.activations.length) {
    throw new ShapeError(`params: ${params.length} layers given, model ${model.describe()} has ${model.activations.length}`);
  }
  params.forEach((p, l) => {
    const [inF, outF] = [model.widths[l], model.widths[l + 1]];
    const check = (t: Tensor | undefined, name: string, expected: readonly number[]) => {
      if (!t || t.shape.length !== expected.length || t.shape.some((d, i) => d !== expected[i])) {
        throw new ShapeError(`params layers.${l}.${name}: expected ${formatShape(expected)}, got ${t ? formatShape(t.shape) : 'nothing'}`, expected, t?.shape ?? []);
      }
    };
    check(p.weight, 'weight', [outF, inF]);
    check(p.bias, 'bias', [outF]);
    if (model.activations[l].learnsAlpha) check(p.alpha, 'alpha', [outF]);
  });
}

/** Validates a batch x [batch, inputs] (and y [batch, outputs]): shapes named on mismatch, NaN/∞ rejected. Returns the batch size. */
export function assertBatch(model: Model, x: Tensor, y?: Tensor): number {
  if (x.shape.length !== 2 || x.shape[1] !== model.inputs) {
    throw new ShapeError(`input: expected [batch, ${model.inputs}] for model ${model.describe()}, got ${formatShape(x.shape)}`, [-1, model.inputs], x.shape);
  }
  assertFinite(x.data, 'input', model.inputs);
  if (y) {
    if (y.shape.length !== 2 || y.shape[0] !== x.shape[0] || y.shape[1] !== model.outputs) {
      throw new ShapeError(
        `target: expected [${x.shape[0]}, ${model.outputs}] (batch of input, model outputs), got ${formatShape(y.shape)}`,
        [x.shape[0], model.outputs],
        y.shape,
      );
    }
    assertFinite(y.data, 'target', model.outputs);
  }
  return x.shape[0];
}
