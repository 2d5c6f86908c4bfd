import {
  addRowVectorKernel, allocate, fromData, matmulKernel, matmulTransASumKernel, matmulTransBAddRowKernel, sumColumnsKernel, type DType, type FloatArray, type KernelSet,
} from '@clearprop/tensor';
import type { Loss } from '../losses/loss.ts';
import type { Model } from './model.ts';
import type { DenseParams, ModelParams } from './params.ts';

/**
 * Pre-allocated buffers for one model and a maximum batch size: inputs, targets, z and a per layer (kept by the
 * forward pass for backprop), δ per layer and the gradients. Sized once; every batch of up to `capacity` rows
 * reuses them, so the training step allocates nothing.
 */
export interface Workspace {
  readonly capacity: number;
  readonly dtype: DType;
  /** Batch inputs x = a⁰ [capacity, inputs]. */
  readonly input: FloatArray;
  /** Batch targets y [capacity, outputs]. */
  readonly target: FloatArray;
  /** Pre-activations zˡ [capacity, unitsˡ]. */
  readonly z: readonly FloatArray[];
  /** Activations aˡ = σ(zˡ) [capacity, unitsˡ]. */
  readonly a: readonly FloatArray[];
  /** Errors δˡ = ∂C/∂zˡ [capacity, unitsˡ]. */
  readonly delta: readonly FloatArray[];
  /** ∂C/∂params, same tree shape as the params; tensors over workspace buffers (overwritten each backward). */
  readonly grads: ModelParams;
  /** The batch loss written by lossInto, in a buffer so the hot path never boxes a double. */
  readonly loss: Float64Array;
}

/** Allocates a workspace for batches of up to `capacity` rows. */
export function createWorkspace(model: Model, capacity: number, dtype: DType = 'float32'): Workspace {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`createWorkspace: capacity must be a positive integer, got ${capacity}`);
  const units = model.widths.slice(1);
  const perLayer = () => units.map((u) => allocate(dtype, capacity * u));
  return {
    capacity,
    dtype,
    input: allocate(dtype, capacity * model.inputs),
    target: allocate(dtype, capacity * model.outputs),
    loss: new Float64Array(1),
    z: perLayer(),
    a: perLayer(),
    delta: perLayer(),
    grads: units.map((u, l): DenseParams => {
      const g: DenseParams = { weight: fromData(allocate(dtype, u * model.widths[l]), [u, model.widths[l]]), bias: fromData(allocate(dtype, u), [u]) };
      return model.activations[l].learnsAlpha ? { ...g, alpha: fromData(allocate(dtype, u), [u]) } : g;
    }),
  };
}

/**
 * Forward pass over the first `rows` rows of `input`, keeping zˡ and aˡ in the workspace:
 * zˡ = aˡ⁻¹·(Wˡ)ᵀ + bˡ (the a·bᵀ kernel, W stored [out, in]), aˡ = σ(zˡ). Returns the output buffer aᴸ.
 */
export function forwardInto(model: Model, params: ModelParams, ws: Workspace, rows: number, kernels: KernelSet, input: FloatArray = ws.input): FloatArray {
  let previous = input;
  for (let l = 0; l < params.length; l++) {
    // Plain locals, no destructuring: this runs every batch and must not allocate.
    const inF = model.widths[l];
    const outF = model.widths[l + 1];
    const p = params[l];
    if (rows * inF * outF < (kernels.minWork ?? 0)) {
      matmulTransBAddRowKernel(previous, p.weight.data, p.bias.data, ws.z[l], rows, inF, outF); // the set would use TS anyway
    } else {
      kernels.matmulTransB(previous, p.weight.data, ws.z[l], rows, inF, outF);
      addRowVectorKernel(ws.z[l], p.bias.data, rows, outF);
    }
    model.activations[l].forward(ws.z[l], ws.a[l], rows, outF, p.alpha?.data);
    previous = ws.a[l];
  }
  return previous;
}

/** True when the loss applies the output activation itself, so BP1 is fused (δᴸ = ∂C/∂zᴸ straight from the loss). */
export function isFused(model: Model, loss: Loss): boolean {
  return loss.fromLogitsOf !== undefined && model.activations[model.activations.length - 1].name === loss.fromLogitsOf;
}

/**
 * Loss value for the batch (into ws.loss[0]) and BP1, the output error, into δᴸ:
 * δᴸ = ∇ₐC ⊙ σ′(zᴸ); fused with softmax/sigmoid on logits it is ∂C/∂zᴸ = (ŷ − y)/B directly.
 */
export function lossInto(model: Model, params: ModelParams, loss: Loss, ws: Workspace, rows: number, target: FloatArray = ws.target): void {
  const last = model.activations.length - 1;
  const outF = model.outputs;
  const deltaL = ws.delta[last];
  if (isFused(model, loss)) {
    loss.compute(ws.z[last], target, deltaL, rows, outF, ws.loss); // BP1 fused
    return;
  }
  loss.compute(ws.a[last], target, deltaL, rows, outF, ws.loss); // ∇ₐC into δᴸ …
  model.activations[last].backward(ws.z[last], ws.a[last], deltaL, deltaL, rows, outF, params[last].alpha?.data, ws.grads[last].alpha?.data); // … ⊙ σ′(zᴸ)  (BP1)
}

/**
 * Backward pass from δᴸ (set by lossInto) writing every gradient into `ws.grads`:
 * BP3 ∂C/∂bˡ = Σ_batch δˡ; BP4 ∂C/∂Wˡ = (δˡ)ᵀ·aˡ⁻¹; BP2 δˡ⁻¹ = (δˡ·Wˡ) ⊙ σ′(zˡ⁻¹).
 * The 1/B of the batch mean is already inside δᴸ, so these sums are batch averages.
 */
export function backwardInto(model: Model, params: ModelParams, ws: Workspace, rows: number, kernels: KernelSet, input: FloatArray = ws.input): void {
  for (let l = params.length - 1; l >= 0; l--) {
    const inF = model.widths[l];
    const outF = model.widths[l + 1];
    const delta = ws.delta[l];
    const previous = l === 0 ? input : ws.a[l - 1];
    const grads = ws.grads[l];
    // Products the kernel set would hand to the TS kernels anyway are called directly, BP3 fused into BP4.
    const small = rows * inF * outF < (kernels.minWork ?? 0);
    if (small) {
      matmulTransASumKernel(delta, previous, grads.weight.data, grads.bias.data, outF, rows, inF); // BP3 + BP4
    } else {
      sumColumnsKernel(delta, grads.bias.data, rows, outF); // BP3
      kernels.matmulTransA(delta, previous, grads.weight.data, outF, rows, inF); // BP4
    }
    if (l === 0) break;
    const below = ws.delta[l - 1];
    (small ? matmulKernel : kernels.matmul)(delta, params[l].weight.data, below, rows, outF, inF); // BP2: (Wˡ)ᵀδˡ, batched as δˡ·Wˡ …
    const activation = model.activations[l - 1];
    activation.backward(ws.z[l - 1], ws.a[l - 1], below, below, rows, inF, params[l - 1].alpha?.data, ws.grads[l - 1].alpha?.data); // … ⊙ σ′(zˡ⁻¹)
  }
}
