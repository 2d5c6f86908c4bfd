import { weightSum, type Loss } from './loss.ts';

/**
 * The seed's loss: per sample ½Σⱼ(ŷ−y)², averaged over the batch. C = (1/B)·Σᵢ ½Σⱼ(ŷᵢⱼ−yᵢⱼ)²; ∂C/∂ŷ = (ŷ−y)/B.
 * Weighted: B becomes Σwᵢ and row i counts wᵢ times.
 */
export const halfSumSquared: Loss = {
  name: 'halfSumSquared',
  task: 'regression',
  compute(pred, target, grad, rows, cols, out, weights) {
    const total = weightSum(weights, rows);
    let s = 0;
    let weighted = 0;
    for (let r = 0; r < rows; r++) {
      const w = weights === undefined ? 1 : weights[r];
      for (let i = r * cols; i < (r + 1) * cols; i++) {
        const d = pred[i] - target[i];
        s += d * d;
        weighted += w * (d * d);
        grad[i] = total > 0 ? (w * d) / total : 0;
      }
    }
    out[0] = total > 0 ? (0.5 * weighted) / total : 0;
    out[1] = (0.5 * s) / rows;
    out[2] = total;
  },
};

/**
 * Mean over all elements, as torch.nn.MSELoss: C = (1/(B·K))·Σ(ŷ−y)²; ∂C/∂ŷ = 2(ŷ−y)/(B·K).
 * Weighted: B becomes Σwᵢ and row i counts wᵢ times.
 */
export const meanSquaredError: Loss = {
  name: 'meanSquaredError',
  task: 'regression',
  compute(pred, target, grad, rows, cols, out, weights) {
    const total = weightSum(weights, rows);
    const n = total * cols;
    let s = 0;
    let weighted = 0;
    for (let r = 0; r < rows; r++) {
      const w = weights === undefined ? 1 : weights[r];
      for (let i = r * cols; i < (r + 1) * cols; i++) {
        const d = pred[i] - target[i];
        s += d * d;
        weighted += w * (d * d);
        grad[i] = n > 0 ? (w * (2 * d)) / n : 0;
      }
    }
    out[0] = n > 0 ? weighted / n : 0;
    out[1] = s / (rows * cols);
    out[2] = total;
  },
};
