import { allocate, fromData, tsKernels, type KernelSet, type Tensor } from '@clearprop/tensor';
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

/** Loss value, parameter gradients (same tree shape as params, batch-averaged) and predictions for one batch. */
export interface ValueAndGrad {
  readonly value: number;
  readonly grads: ModelParams;
  readonly output: Tensor;
}

/** Forward, BP1 and BP2–BP4 for a batch x [batch, inputs], y [batch, outputs], returning fresh tensors. */
export function valueAndGrad(model: Model, params: ModelParams, loss: Loss, x: Tensor, y: Tensor, options: ModelCallOptions = {}): ValueAndGrad {
  assertParams(model, params);
  const rows = assertBatch(model, x, y);
  const kernels = options.kernels ?? tsKernels;
  const ws = createWorkspace(model, Math.max(rows, 1), x.dtype);
  const out = forwardInto(model, params, ws, rows, kernels, x.data);
  lossInto(model, params, loss, ws, rows, y.data);
  backwardInto(model, params, ws, rows, kernels, x.data);
  return { value: ws.loss[0], grads: ws.grads, output: fromData(out.slice(0, rows * model.outputs), [rows, model.outputs]) };
}
