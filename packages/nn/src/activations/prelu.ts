import type { ActivationRecord } from './activation.ts';
import { units } from './emitter.ts';

/**
 * Parametric ReLU with one learned slope per unit: a = z for z > 0, α_j·z otherwise, α_j starting at 0.25 (PyTorch).
 * Shapes: z, a [rows, cols], alpha [cols]. ∂a/∂z = 1 or α_j; ∂C/∂α_j = Σ_rows da·z over z ≤ 0.
 * @see He et al. 2015, "Delving Deep into Rectifiers", https://arxiv.org/abs/1502.01852
 */
export const prelu: ActivationRecord = {
  traits: { deadBelowZero: true, defaultInit: 'heNormal', alpha: { default: 0.25, learned: true } },
  onnx: () => ({ op: 'PRelu', slopes: true }),
  kernel: () => ({
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
  }),
  // The slopes live in locals al{l}_{j} and their gradient sums in ga{l}_{j}, which compiled-step.ts declares and stores.
  emitter: () => ({
    reads: { z: true, a: false },
    forward: ({ layer: l, units: n, round }) => units(n).map((j) => `const a${l}_${j} = ${round(`z${l}_${j} > 0 ? z${l}_${j} : al${l}_${j} * z${l}_${j}`)};`),
    backward: ({ layer: l, units: n, round }, da) => units(n).flatMap((j) => [
      `let d${l}_${j} = ${da(j)};`,
      `if (!(z${l}_${j} > 0)) { ga${l}_${j} = ${round(`ga${l}_${j} + ${da(j)} * z${l}_${j}`)}; d${l}_${j} = ${round(`${da(j)} * al${l}_${j}`)}; }`,
    ]),
  }),
};
