import { expFor } from '@clearprop/tensor';
import { weightSum, type Loss } from './loss.ts';

/** Probabilities are clipped to [ε, 1−ε] before the log, as the seed did, so a confident mistake stays finite. */
export const BCE_EPSILON = 1e-7;

/**
 * Binary cross-entropy on probabilities, mean over all elements (torch BCELoss):
 * C = −(1/n)·Σ[y·log p + (1−y)·log(1−p)], p = clip(ŷ, ε, 1−ε); ∂C/∂ŷ = (p−y)/(p(1−p))/n (0 where clipped).
 * Weighted: n = Σwᵢ·cols and row i counts wᵢ times.
 */
export const binaryCrossEntropy: Loss = {
  name: 'binaryCrossEntropy',
  task: 'classification',
  compute(pred, target, grad, rows, cols, out, weights) {
    const total = weightSum(weights, rows);
    const n = total * cols;
    let s = 0;
    let weighted = 0;
    for (let r = 0; r < rows; r++) {
      const w = weights === undefined ? 1 : weights[r];
      for (let i = r * cols; i < (r + 1) * cols; i++) {
        const raw = pred[i];
        const p = raw < BCE_EPSILON ? BCE_EPSILON : raw > 1 - BCE_EPSILON ? 1 - BCE_EPSILON : raw;
        const y = target[i];
        const term = y * Math.log(p) + (1 - y) * Math.log(1 - p);
        s -= term;
        weighted -= w * term;
        grad[i] = p === raw && n > 0 ? (w * ((p - y) / (p * (1 - p)))) / n : 0;
      }
    }
    out[0] = n > 0 ? weighted / n : 0; // an all-zero-weight batch has mean 0
    out[1] = s / (rows * cols);
    out[2] = total;
  },
};

/**
 * Binary cross-entropy on logits z, stable for any |z| (torch BCEWithLogitsLoss):
 * C = (1/n)·Σ[max(z,0) − z·y + log(1+e^−|z|)]; ∂C/∂z = (σ(z) − y)/n. Weighted: n = Σwᵢ·cols.
 */
export const binaryCrossEntropyFromLogits: Loss = {
  name: 'binaryCrossEntropyFromLogits',
  task: 'classification',
  fromLogitsOf: 'sigmoid',
  compute(pred, target, grad, rows, cols, out, weights) {
    const total = weightSum(weights, rows);
    const n = total * cols;
    const exp = expFor(pred);
    let s = 0;
    let weighted = 0;
    for (let r = 0; r < rows; r++) {
      const w = weights === undefined ? 1 : weights[r];
      for (let i = r * cols; i < (r + 1) * cols; i++) {
        const z = pred[i];
        const y = target[i];
        const term = Math.max(z, 0) - z * y + Math.log1p(exp(-Math.abs(z)));
        s += term;
        weighted += w * term;
        const p = z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z));
        grad[i] = n > 0 ? (w * (p - y)) / n : 0;
      }
    }
    out[0] = n > 0 ? weighted / n : 0; // an all-zero-weight batch has mean 0
    out[1] = s / (rows * cols);
    out[2] = total;
  },
};

/**
 * Softmax + cross-entropy fused on logits z [B, K], mean over the batch:
 * C = −(1/B)·Σᵢ Σⱼ yᵢⱼ·log softmax(zᵢ)ⱼ; ∂C/∂zᵢⱼ = (softmax(zᵢ)ⱼ·Σₖyᵢₖ − yᵢⱼ)/B, i.e. (ŷ − y)/B for one-hot y —
 * the derivative the blog promised. log-softmax uses the row max, so large logits never overflow.
 * Weighted: B becomes Σwᵢ and row i counts wᵢ times.
 */
export const softmaxCrossEntropy: Loss = {
  name: 'softmaxCrossEntropy',
  task: 'classification',
  fromLogitsOf: 'softmax',
  compute(pred, target, grad, rows, cols, out, weights) {
    const total = weightSum(weights, rows);
    const exp = expFor(pred);
    let s = 0;
    let weighted = 0;
    for (let i = 0; i < rows; i++) {
      const w = weights === undefined ? 1 : weights[i];
      const o = i * cols;
      let max = -Infinity;
      for (let j = 0; j < cols; j++) if (pred[o + j] > max) max = pred[o + j];
      let sumExp = 0;
      let sumY = 0;
      for (let j = 0; j < cols; j++) {
        sumExp += exp(pred[o + j] - max);
        sumY += target[o + j];
      }
      const logSumExp = max + Math.log(sumExp);
      for (let j = 0; j < cols; j++) {
        const logP = pred[o + j] - logSumExp;
        const term = target[o + j] * logP;
        s -= term;
        weighted -= w * term;
        grad[o + j] = total > 0 ? (w * (exp(logP) * sumY - target[o + j])) / total : 0;
      }
    }
    out[0] = total > 0 ? weighted / total : 0;
    out[1] = s / rows;
    out[2] = total;
  },
};
