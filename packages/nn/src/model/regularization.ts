import type { FloatArray, Rng } from '@clearprop/tensor';
import type { Model } from './model.ts';
import type { ModelParams } from './params.ts';

/**
 * The weight penalty of the whole model: Σ_l ½·λ₂ˡ·‖Wˡ‖² + λ₁ˡ·‖Wˡ‖₁ over the layers that have one (biases and PReLU
 * slopes excluded). 0 for a model without penalties.
 */
export function penaltyValue(model: Model, params: ModelParams): number {
  let total = 0;
  for (let l = 0; l < params.length; l++) {
    const { l1, l2 } = model.penalties[l];
    if (l1 === 0 && l2 === 0) continue;
    const w = params[l].weight.data;
    let squares = 0;
    let absolutes = 0;
    for (let i = 0; i < w.length; i++) {
      squares += w[i] * w[i];
      absolutes += Math.abs(w[i]);
    }
    total += 0.5 * l2 * squares + l1 * absolutes;
  }
  return total;
}

/**
 * The penalty's part of BP4 for one layer, added in place: ∂C/∂W += λ₂·W + λ₁·sign(W), with sign(0) = 0 (the
 * subgradient the L1 literature and Keras use at the kink). No allocation.
 */
export function addPenaltyGradient(w: FloatArray, dw: FloatArray, penalty: { readonly l1: number; readonly l2: number }): void {
  const { l1, l2 } = penalty;
  for (let i = 0; i < w.length; i++) {
    const v = w[i];
    dw[i] += l2 * v + (v > 0 ? l1 : v < 0 ? -l1 : 0);
  }
}

/**
 * Draws an inverted-dropout mask over the first n elements from `rng`, in row-major order: 0 with probability p,
 * else 1/(1 − p); then kept = a ⊙ mask (the stored mask, so backward multiplies by exactly the same factor).
 * One `rng.next()` per element, so a run's masks are a function of its seed and step. A kernel: positional
 * arguments, no allocation, no checks.
 */
export function dropoutKernel(a: FloatArray, mask: FloatArray, kept: FloatArray, n: number, p: number, rng: Rng): void {
  const scale = 1 / (1 - p);
  for (let i = 0; i < n; i++) {
    mask[i] = rng.next() < p ? 0 : scale;
    kept[i] = a[i] * mask[i];
  }
}
