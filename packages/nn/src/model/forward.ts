import { allocate, assertSameShape, fromData, tsKernels, type KernelSet, type Rng, type Tensor } from '@clearprop/tensor';
import { LOSS_SLOTS } from '../losses/loss.ts';
import type { Loss } from '../losses/loss.ts';
import type { Model } from './model.ts';
import type { ModelParams } from './params.ts';
import { assertBatch, assertParams } from './validate.ts';
import { backwardInto, createWorkspace, forwardInto, lossInto } from './workspace.ts';

/** Options for the pure model functions. */
export interface ModelCallOptions {
  /** @defaultValue tsKernels */
  readonly kernels?: KernelSet;
}

/** What a training-mode forward keeps: zˡ and aˡ per layer. Shapes: [batch, unitsˡ]. */
export interface ForwardResult {
  readonly output: Tensor;
  readonly z: readonly Tensor[];
  readonly a: readonly Tensor[];
}

/** Training-mode forward: returns the output and keeps z and a of every layer (copies; inputs untouched). */
export function forward(model: Model, params: ModelParams, x: Tensor, options: ModelCallOptions = {}): ForwardResult {
  assertParams(model, params);
  const rows = assertBatch(model, x);
  const ws = createWorkspace(model, Math.max(rows, 1), x.dtype);
  forwardInto(model, params, ws, rows, options.kernels ?? tsKernels, x.data);
  const take = (buffers: readonly Float32Array[] | readonly Float64Array[] | readonly (Float32Array | Float64Array)[]) =>
    buffers.map((b, l) => fromData(b.slice(0, rows * model.widths[l + 1]), [rows, model.widths[l + 1]]));
  const a = take(ws.a);
  return { output: a[a.length - 1], z: take(ws.z), a };
}

/**
 * Eval-mode forward: ŷ for x [batch, inputs] → [batch, outputs], keeping nothing but two ping-pong buffers.
 */
export function predict(model: Model, params: ModelParams, x: Tensor, options: ModelCallOptions = {}): Tensor {
  assertParams(model, params);
  const rows = assertBatch(model, x);
  const kernels = options.kernels ?? tsKernels;
  const widest = Math.max(...model.widths.slice(1));
  const buffers = [allocate(x.dtype, rows * widest), allocate(x.dtype, rows * widest)];
  let previous = x.data;
  params.forEach((p, l) => {
    const [inF, outF] = [model.widths[l], model.widths[l + 1]];
    const z = buffers[l % 2];
    kernels.matmulTransB(previous, p.weight.data, z, rows, inF, outF);
    for (let i = 0; i < rows; i++) for (let j = 0; j < outF; j++) z[i * outF + j] += p.bias.data[j];
    model.activations[l].forward(z, z, rows, outF, p.alpha?.data);
    previous = z;
  });
  return fromData(previous.slice(0, rows * model.outputs), [rows, model.outputs]);
}

/** The training objective, parameter gradients (same tree shape as params, batch-averaged) and predictions for one batch. */
export interface ValueAndGrad {
  /** The objective the gradients differentiate: data loss + weight penalty. */
  readonly value: number;
  /** The data loss alone (a weighted mean with `weights`). */
  readonly loss: number;
  /** The weight penalty Σ ½λ₂‖W‖² + λ₁‖W‖₁ (0 without regularization). */
  readonly penalty: number;
  readonly grads: ModelParams;
  readonly output: Tensor;
}

/** Options of valueAndGrad: kernels, per-row loss weights and the dropout RNG of a training-mode pass. */
export interface ValueAndGradOptions extends ModelCallOptions {
  /** Per-row loss weights [batch] (class × sample weights): the loss becomes their weighted mean. @defaultValue all 1 */
  readonly weights?: Tensor;
  /** Draw dropout masks from this Rng (training mode). @defaultValue undefined: nothing is dropped */
  readonly dropout?: Rng;
}

/**
 * Forward, BP1 and BP2–BP4 for a batch x [batch, inputs], y [batch, outputs], returning fresh tensors.
 * Without `options.dropout` no unit is dropped, so the gradient is the one of the evaluation-mode network.
 */
export function valueAndGrad(model: Model, params: ModelParams, loss: Loss, x: Tensor, y: Tensor, options: ValueAndGradOptions = {}): ValueAndGrad {
  assertParams(model, params);
  const rows = assertBatch(model, x, y);
  if (options.weights) assertSameShape(options.weights.shape, [rows], 'weights vs batch');
  const kernels = options.kernels ?? tsKernels;
  const ws = createWorkspace(model, Math.max(rows, 1), x.dtype);
  const out = forwardInto(model, params, ws, rows, kernels, x.data, options.dropout);
  lossInto(model, params, loss, ws, rows, y.data, options.weights?.data);
  backwardInto(model, params, ws, rows, kernels, x.data);
  const data = ws.loss[LOSS_SLOTS.mean];
  const penalty = ws.penalty[0];
  return { value: data + penalty, loss: data, penalty, grads: ws.grads, output: fromData(out.slice(0, rows * model.outputs), [rows, model.outputs]) };
}
