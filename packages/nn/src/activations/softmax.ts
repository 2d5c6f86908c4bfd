import { expFor } from '@clearprop/tensor';
import type { Activation } from './activation.ts';

/**
 * Row-wise softmax a_ij = e^{z_ij} / Σ_k e^{z_ik}, computed with the row max subtracted (log-sum-exp trick).
 * Backward is the Jacobian–vector product dz_ij = a_ij·(da_ij − Σ_k da_ik·a_ik).
 * Paired with softmaxCrossEntropy the model skips this backward and uses the fused δᴸ = ŷ − y instead.
 */
export const softmax = (): Activation => ({
  name: 'softmax',
  learnsAlpha: false,
  forward(z, a, rows, cols) {
    const exp = expFor(a);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      let max = -Infinity;
      for (let j = 0; j < cols; j++) if (z[o + j] > max) max = z[o + j];
      let s = 0;
      for (let j = 0; j < cols; j++) {
        const e = exp(z[o + j] - max);
        a[o + j] = e;
        s += e;
      }
      for (let j = 0; j < cols; j++) a[o + j] /= s;
    }
  },
  backward(_z, a, da, dz, rows, cols) {
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      let dot = 0;
      for (let j = 0; j < cols; j++) dot += da[o + j] * a[o + j];
      for (let j = 0; j < cols; j++) dz[o + j] = a[o + j] * (da[o + j] - dot);
    }
  },
});
