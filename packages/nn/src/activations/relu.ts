import { maskPositiveKernel } from '@clearprop/tensor';
import type { ActivationRecord } from './activation.ts';
import { perUnit } from './emitter.ts';

/** Rectified linear unit max(z, 0). NOTE: the derivative at exactly 0 is taken as 0 (as PyTorch). */
export const relu: ActivationRecord = {
  traits: { deadBelowZero: true, defaultInit: 'heNormal' },
  onnx: () => ({ op: 'Relu' }),
  kernel: () => ({
    forward(z, a, rows, cols) {
      const n = rows * cols;
      for (let i = 0; i < n; i++) {
        // Branch-free (z + |z|)/2: the sign of a pre-activation is a coin flip, and a mispredicted
        // `z > 0 ? z : 0` costs ~3× the whole loop. Exact for finite z; NaN (and −∞ + ∞) fall back to 0 as before.
        const v = z[i];
        const r = (v + Math.abs(v)) * 0.5;
        a[i] = r === r ? r : 0;
      }
    },
    backward(z, _a, da, dz, rows, cols) {
      maskPositiveKernel(z, da, dz, rows * cols); // dz = z > 0 ? da : 0, bit for bit, without a mispredicted branch
    },
  }),
  emitter: () => perUnit({
    forward: (z, round) => round(`(t = (${z} + Math.abs(${z})) * 0.5, t === t ? t : 0)`),
    backward: (da, z) => `${z} > 0 ? ${da} : 0`,
    reads: { z: true, a: false },
  }),
};
