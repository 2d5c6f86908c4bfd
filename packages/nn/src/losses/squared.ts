import type { Loss } from './loss.ts';

/**
 * The seed's loss: per sample ½Σⱼ(ŷ−y)², averaged over the batch. C = (1/B)·Σᵢ ½Σⱼ(ŷᵢⱼ−yᵢⱼ)²; ∂C/∂ŷ = (ŷ−y)/B.
 */
export const halfSumSquared: Loss = {
  name: 'halfSumSquared',
  task: 'regression',
  compute(pred, target, grad, rows, cols, out) {
    const n = rows * cols;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const d = pred[i] - target[i];
      s += d * d;
      grad[i] = d / rows;
    }
    out[0] = (0.5 * s) / rows;
  },
};

/** Mean over all elements, as torch.nn.MSELoss: C = (1/(B·K))·Σ(ŷ−y)²; ∂C/∂ŷ = 2(ŷ−y)/(B·K). */
export const meanSquaredError: Loss = {
  name: 'meanSquaredError',
  task: 'regression',
  compute(pred, target, grad, rows, cols, out) {
    const n = rows * cols;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const d = pred[i] - target[i];
      s += d * d;
      grad[i] = (2 * d) / n;
    }
    out[0] = s / n;
  },
};
