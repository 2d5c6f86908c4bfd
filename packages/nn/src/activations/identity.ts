import type { ActivationRecord } from './activation.ts';
import { perUnit } from './emitter.ts';

/** Identity f(z) = z (linear output layer for regression, or logits for fused losses). */
export const identity: ActivationRecord = {
  traits: { defaultInit: 'glorotUniform' },
  onnx: () => ({ op: 'Identity' }),
  kernel: () => ({
    forward(z, a, rows, cols) {
      if (a !== z) for (let i = 0; i < rows * cols; i++) a[i] = z[i];
    },
    backward(_z, _a, da, dz, rows, cols) {
      if (dz !== da) for (let i = 0; i < rows * cols; i++) dz[i] = da[i];
    },
  }),
  emitter: () => perUnit({ forward: (z) => z, backward: (da) => da, reads: { z: false, a: false } }),
};
