import type { FloatArray } from '@clearprop/tensor';

/** Names of the built-in losses. */
export type LossName = 'halfSumSquared' | 'meanSquaredError' | 'binaryCrossEntropy' | 'binaryCrossEntropyFromLogits' | 'softmaxCrossEntropy';

/**
 * A loss over a batch: computes the mean value and writes ∂C/∂pred into `grad`, with the 1/batch of the mean
 * already applied (so Σ over the batch in BP3/BP4 yields the batch-averaged gradient, as the seed's SGD).
 * Buffers are [rows, cols] row-major; only the first rows·cols elements are read or written; no allocation.
 */
export interface Loss {
  readonly name: LossName;
  /**
   * When set, the loss expects pre-activations (logits) and applies this activation itself. If the model's
   * output activation is the same, the model feeds zᴸ to the loss and uses its gradient as δᴸ directly (fused BP1).
   */
  readonly fromLogitsOf?: 'softmax' | 'sigmoid';
  /**
   * Writes ∂C/∂pred into `grad` and the mean loss into `out[0]`. The value goes through a buffer, not a return,
   * because a returned double is boxed on the heap when the call is not inlined — an allocation every batch.
   */
  compute(pred: FloatArray, target: FloatArray, grad: FloatArray, rows: number, cols: number, out: Float64Array): void;
}

/** Every built-in loss name, in documentation order. */
export const LOSS_NAMES: readonly LossName[] = ['halfSumSquared', 'meanSquaredError', 'binaryCrossEntropy', 'binaryCrossEntropyFromLogits', 'softmaxCrossEntropy'];
