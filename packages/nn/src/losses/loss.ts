import type { FloatArray } from '@clearprop/tensor';
import type { ActivationName } from '../activations/registry.ts';
import type { LossName } from './registry.ts';

export type { LossName };

/**
 * A loss over a batch, as one record: the kernel and its traits. `compute` writes the mean value and ∂C/∂pred into
 * `grad`, with the 1/batch of the mean already applied (so Σ over the batch in BP3/BP4 yields the batch-averaged
 * gradient, as the seed's SGD). Buffers are [rows, cols] row-major; only the first rows·cols elements are read or
 * written; no allocation. Compiled steps call `compute` as is, so a loss needs no emitter.
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
   * Writes ∂C/∂pred into `grad` and the mean loss into `out[0]`. The value goes through a buffer, not a return,
   * because a returned double is boxed on the heap when the call is not inlined — an allocation every batch.
   */
  compute(pred: FloatArray, target: FloatArray, grad: FloatArray, rows: number, cols: number, out: Float64Array): void;
}
