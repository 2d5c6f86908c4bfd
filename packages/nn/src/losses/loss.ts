import type { FloatArray } from '@clearprop/tensor';
import type { ActivationName } from '../activations/registry.ts';
import type { LossName } from './registry.ts';

export type { LossName };

/**
 * A loss over a batch, as one record: the kernel and its traits. `compute` writes the mean value and ∂C/∂pred into
 * `grad`, with the 1/batch of the mean already applied (so Σ over the batch in BP3/BP4 yields the batch-averaged
 * gradient, as the seed's SGD). Buffers are [rows, cols] row-major; only the first rows·cols elements are read or
 * written; no allocation. Compiled steps call `compute` as is, so a loss needs no emitter.
 *
 * With per-row `weights` wᵢ ≥ 0 (class and sample weights) the mean becomes a weighted mean,
 * C = Σᵢ wᵢ·ℓᵢ / Σᵢ wᵢ and ∂C/∂predᵢ = wᵢ·∂ℓᵢ/∂predᵢ / Σᵢ wᵢ (PyTorch's weighted `mean` reduction); a batch whose
 * weights sum to 0 contributes C = 0 and a zero gradient. With every wᵢ = 1 the numbers equal the unweighted ones
 * bit for bit (1·x = x, Σ1 = rows).
 */
export interface Loss {
  readonly name: LossName;
  /**
   * The task the loss implies when a data config names none: cross-entropies compare class probabilities
   * (one-hot targets), the squared errors compare real values.
   */
  readonly task: 'regression' | 'classification';
  /**
   * When set, the loss expects pre-activations (logits) and applies this activation itself. If the model's
   * output activation is the same, the model feeds zᴸ to the loss and uses its gradient as δᴸ directly (fused BP1).
   */
  readonly fromLogitsOf?: ActivationName;
  /**
   * Writes ∂C/∂pred into `grad` and into `out` [LOSS_SLOTS]: the (weighted) mean loss, the unweighted mean beside
   * it, and Σ wᵢ (`rows` without weights). Values go through a buffer, not a return, because a returned double is
   * boxed on the heap when the call is not inlined — an allocation every batch. `weights` [rows] when given.
   */
  compute(pred: FloatArray, target: FloatArray, grad: FloatArray, rows: number, cols: number, out: Float64Array, weights?: FloatArray): void;
}

/** Slots of a loss's `out` buffer (and of `Workspace.loss`). */
export const LOSS_SLOTS = { mean: 0, unweighted: 1, weightSum: 2 } as const;

/** Length of a loss's `out` buffer. */
export const LOSS_SLOT_COUNT = 3;

/** Σ of the first `rows` weights, or `rows` without weights: the denominator of a (weighted) batch mean. */
export function weightSum(weights: FloatArray | undefined, rows: number): number {
  if (weights === undefined) return rows;
  let total = 0;
  for (let i = 0; i < rows; i++) total += weights[i];
  return total;
}
