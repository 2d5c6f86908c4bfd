import type { Activation } from './activation.ts';

/**
 * Parametric ReLU with one learned slope per unit: a = z for z > 0, α_j·z otherwise.
 * Shapes: z, a [rows, cols], alpha [cols]. ∂a/∂z = 1 or α_j; ∂C/∂α_j = Σ_rows da·z over z ≤ 0.
 * @see He et al. 2015, "Delving Deep into Rectifiers", https://arxiv.org/abs/1502.01852
 */
export const prelu = (initialAlpha = 0.25): Activation => ({
  name: 'prelu',
  alpha: initialAlpha,
  learnsAlpha: true,
  forward(z, a, rows, cols, alpha) {
    if (!alpha) throw new Error('prelu.forward: missing alpha parameters');
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) {
        const v = z[o + j];
        a[o + j] = v > 0 ? v : alpha[j] * v;
      }
    }
  },
  backward(z, _a, da, dz, rows, cols, alpha, dAlpha) {
    if (!alpha || !dAlpha) throw new Error('prelu.backward: missing alpha or dAlpha buffers');
    dAlpha.fill(0, 0, cols);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) {
        const v = z[o + j];
        const g = da[o + j];
        if (v > 0) {
          dz[o + j] = g;
        } else {
          dAlpha[j] += g * v;
          dz[o + j] = g * alpha[j];
        }
      }
    }
  },
});
