import {
  addRowVectorKernel, allocate, fromData, matmulKernel, matmulTransASumKernel, matmulTransBAddRowKernel, sumColumnsKernel, type DType, type FloatArray, type KernelSet, type Rng,
} from '@clearprop/tensor';
import { LOSS_SLOT_COUNT, type Loss } from '../losses/loss.ts';
import type { Model } from './model.ts';
import type { DenseParams, ModelParams } from './params.ts';
import { addPenaltyGradient, dropoutKernel, penaltyValue } from './regularization.ts';

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
  /**
   * The batch loss written by lossInto, in a buffer so the hot path never boxes a double: [LOSS_SLOTS] the data
   * loss (a weighted mean when weights are given), the unweighted mean beside it, and Σ weights (rows without).
   */
  readonly loss: Float64Array;
  /** The weight penalty Σ ½λ₂‖W‖² + λ₁‖W‖₁ written by lossInto (0 without penalties); the objective is loss[0] + penalty[0]. */
  readonly penalty: Float64Array;
  /** Per-row loss weights [capacity] (class × sample weight), for callers that gather them here. */
  readonly weights: FloatArray;
  /** Dropout masks mˡ [capacity, unitsˡ] (0 or 1/(1−p)) of the layers that drop units; undefined elsewhere. */
  readonly masks: readonly (FloatArray | undefined)[];
  /** aˡ ⊙ mˡ [capacity, unitsˡ], the next layer's input during training, where a layer drops units. */
  readonly kept: readonly (FloatArray | undefined)[];
  /** 1 when the last forwardInto applied dropout masks (so backwardInto must too), else 0. */
  readonly dropped: Uint8Array;
}

/** Allocates a workspace for batches of up to `capacity` rows. */
export function createWorkspace(model: Model, capacity: number, dtype: DType = 'float32'): Workspace {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`createWorkspace: capacity must be a positive integer, got ${capacity}`);
  const units = model.widths.slice(1);
  const perLayer = () => units.map((u) => allocate(dtype, capacity * u));
  const dropping = () => units.map((u, l) => (model.dropout[l] > 0 ? allocate(dtype, capacity * u) : undefined));
  return {
    capacity,
    dtype,
    input: allocate(dtype, capacity * model.inputs),
    target: allocate(dtype, capacity * model.outputs),
    loss: new Float64Array(LOSS_SLOT_COUNT),
    penalty: new Float64Array(1),
    weights: allocate(dtype, capacity).fill(1),
    masks: dropping(),
    kept: dropping(),
    dropped: new Uint8Array(1),
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
 * Given a `dropout` Rng (training), layers with a dropout rate draw a mask mˡ from it and pass aˡ ⊙ mˡ on; without
 * one (evaluation, prediction) nothing is dropped.
 */
export function forwardInto(model: Model, params: ModelParams, ws: Workspace, rows: number, kernels: KernelSet, input: FloatArray = ws.input, dropout?: Rng): FloatArray {
  const dropping = dropout !== undefined && model.dropsUnits;
  ws.dropped[0] = dropping ? 1 : 0;
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
    const mask = ws.masks[l];
    const kept = ws.kept[l];
    if (dropping && mask !== undefined && kept !== undefined) {
      dropoutKernel(ws.a[l], mask, kept, rows * outF, model.dropout[l], dropout);
      previous = kept;
    }
  }
  return previous;
}

/** True when the loss applies the output activation itself, so BP1 is fused (δᴸ = ∂C/∂zᴸ straight from the loss). */
export function isFused(model: Model, loss: Loss): boolean {
  return loss.fromLogitsOf !== undefined && model.activations[model.activations.length - 1].name === loss.fromLogitsOf;
}

/**
 * Loss value for the batch (into ws.loss) and BP1, the output error, into δᴸ:
 * δᴸ = ∇ₐC ⊙ σ′(zᴸ); fused with softmax/sigmoid on logits it is ∂C/∂zᴸ = (ŷ − y)/B directly.
 * With per-row `weights` [rows] the loss is their weighted mean (see Loss). Also writes the weight penalty into
 * ws.penalty[0]; its gradient is added by backwardInto.
 */
export function lossInto(model: Model, params: ModelParams, loss: Loss, ws: Workspace, rows: number, target: FloatArray = ws.target, weights?: FloatArray): void {
  const last = model.activations.length - 1;
  const outF = model.outputs;
  const deltaL = ws.delta[last];
  ws.penalty[0] = model.penalized ? penaltyValue(model, params) : 0;
  if (isFused(model, loss)) {
    loss.compute(ws.z[last], target, deltaL, rows, outF, ws.loss, weights); // BP1 fused
    return;
  }
  loss.compute(ws.a[last], target, deltaL, rows, outF, ws.loss, weights); // ∇ₐC into δᴸ …
  model.activations[last].backward(ws.z[last], ws.a[last], deltaL, deltaL, rows, outF, params[last].alpha?.data, ws.grads[last].alpha?.data); // … ⊙ σ′(zᴸ)  (BP1)
}

/**
 * Backward pass from δᴸ (set by lossInto) writing every gradient into `ws.grads`:
 * BP3 ∂C/∂bˡ = Σ_batch δˡ; BP4 ∂C/∂Wˡ = (δˡ)ᵀ·aˡ⁻¹ + λ₂ˡWˡ + λ₁ˡsign(Wˡ); BP2 δˡ⁻¹ = (δˡ·Wˡ) ⊙ mˡ⁻¹ ⊙ σ′(zˡ⁻¹),
 * where aˡ⁻¹ is the kept (masked) activation and mˡ⁻¹ the dropout mask when the forward pass dropped units.
 * The 1/B of the batch mean is already inside δᴸ, so these sums are batch averages.
 */
export function backwardInto(model: Model, params: ModelParams, ws: Workspace, rows: number, kernels: KernelSet, input: FloatArray = ws.input): void {
  for (let l = params.length - 1; l >= 0; l--) {
    const inF = model.widths[l];
    const outF = model.widths[l + 1];
    const delta = ws.delta[l];
    const dropped = l > 0 && ws.dropped[0] === 1 ? ws.kept[l - 1] : undefined;
    const previous = l === 0 ? input : dropped ?? ws.a[l - 1];
    const grads = ws.grads[l];
    // Products the kernel set would hand to the TS kernels anyway are called directly, BP3 fused into BP4.
    const small = rows * inF * outF < (kernels.minWork ?? 0);
    if (small) {
      matmulTransASumKernel(delta, previous, grads.weight.data, grads.bias.data, outF, rows, inF); // BP3 + BP4
    } else {
      sumColumnsKernel(delta, grads.bias.data, rows, outF); // BP3
      kernels.matmulTransA(delta, previous, grads.weight.data, outF, rows, inF); // BP4
    }
    const penalty = model.penalties[l];
    if (penalty.l1 > 0 || penalty.l2 > 0) addPenaltyGradient(params[l].weight.data, grads.weight.data, penalty); // BP4's penalty term
    if (l === 0) break;
    const below = ws.delta[l - 1];
    (small ? matmulKernel : kernels.matmul)(delta, params[l].weight.data, below, rows, outF, inF); // BP2: (Wˡ)ᵀδˡ, batched as δˡ·Wˡ …
    const mask = ws.masks[l - 1];
    if (dropped !== undefined && mask !== undefined) multiplyInto(below, mask, rows * inF); // … ⊙ mˡ⁻¹ (dropout) …
    const activation = model.activations[l - 1];
    activation.backward(ws.z[l - 1], ws.a[l - 1], below, below, rows, inF, params[l - 1].alpha?.data, ws.grads[l - 1].alpha?.data); // … ⊙ σ′(zˡ⁻¹)
  }
}

function multiplyInto(a: FloatArray, b: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) a[i] *= b[i];
}
