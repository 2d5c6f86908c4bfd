import { expFor } from '@clearprop/tensor';
import type { ActivationRecord } from './activation.ts';
import { perUnit } from './emitter.ts';

/**
 * Logistic sigmoid σ(z) = 1/(1+e^−z); σ′ = a(1−a). Saturates for |z| ≳ 5 (a within 1% of 0 or 1), where
 * gradients vanish.
 */
export const sigmoid: ActivationRecord = {
  traits: { saturation: { low: 0.01, high: 0.99 }, defaultInit: 'glorotUniform' },
  onnx: () => ({ op: 'Sigmoid' }),
  kernel: () => ({
    forward(z, a, rows, cols) {
      const n = rows * cols;
      const exp = expFor(a); // float32Exp for float32 buffers: e^x to float32 accuracy, faster than Math.exp
      for (let i = 0; i < n; i++) {
        const v = z[i];
        // Split by sign so e^−z never overflows for large negative z.
        if (v >= 0) {
          a[i] = 1 / (1 + exp(-v));
        } else {
          const e = exp(v);
          a[i] = e / (1 + e);
        }
      }
    },
    backward(_z, a, da, dz, rows, cols) {
      const n = rows * cols;
      for (let i = 0; i < n; i++) dz[i] = da[i] * a[i] * (1 - a[i]);
    },
  }),
  emitter: () => perUnit({
    // `exp` is what the generic kernel uses for the dtype (the compiled step binds or inlines it).
    forward: (z, round) => round(`${z} >= 0 ? 1 / (1 + exp(-${z})) : (t = exp(${z}), t / (1 + t))`),
    backward: (da, _z, a, round) => round(`${da} * ${a} * (1 - ${a})`),
    reads: { z: false, a: true },
  }),
};
