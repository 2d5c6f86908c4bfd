import { expFor } from '@clearprop/tensor';
import type { ActivationRecord } from './activation.ts';
import { units } from './emitter.ts';

/**
 * Row-wise softmax a_ij = e^{z_ij} / Σ_k e^{z_ik}, computed with the row max subtracted (log-sum-exp trick).
 * Backward is the Jacobian–vector product dz_ij = a_ij·(da_ij − Σ_k da_ik·a_ik).
 * Paired with softmaxCrossEntropy the model skips this backward and uses the fused δᴸ = ŷ − y instead.
 */
export const softmax: ActivationRecord = {
  traits: { defaultInit: 'glorotUniform', outputOnly: true, classProbabilities: true },
  onnx: () => ({ op: 'Softmax', intAttributes: { axis: -1 } }),
  kernel: () => ({
    forward(z, a, rows, cols) {
      const exp = expFor(a); // float32Exp for float32 buffers: e^x to float32 accuracy, faster than Math.exp
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
  }),
  emitter: () => ({
    reads: { z: false, a: true },
    forward: ({ layer: l, units: n, round }) => [
      // Max, then e and its (unrounded) sum, then the division of the rounded e, as the kernel does.
      `t = -Infinity;`,
      ...units(n).map((j) => `if (z${l}_${j} > t) t = z${l}_${j};`),
      ...units(n).map((j) => `const ex${l}_${j} = exp(z${l}_${j} - t);`),
      `t = 0${units(n).map((j) => ` + ex${l}_${j}`).join('')};`,
      ...units(n).map((j) => `const a${l}_${j} = ${round(`${round(`ex${l}_${j}`)} / t`)};`),
    ],
    backward: ({ layer: l, units: n, round }, da) => [
      `t = 0${units(n).map((j) => ` + ${da(j)} * a${l}_${j}`).join('')};`,
      ...units(n).map((j) => `let d${l}_${j} = ${round(`a${l}_${j} * (${da(j)} - t)`)};`),
    ],
  }),
};
