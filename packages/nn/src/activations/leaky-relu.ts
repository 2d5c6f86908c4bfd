import type { ActivationRecord } from './activation.ts';
import { literal, perUnit } from './emitter.ts';

const DEFAULT_ALPHA = 0.01; // PyTorch's; the seed used 0.5

/** Leaky ReLU: z for z > 0, αz otherwise, with a fixed α. */
export const leakyRelu: ActivationRecord = {
  traits: { deadBelowZero: true, defaultInit: 'heNormal', alpha: { default: DEFAULT_ALPHA, learned: false } },
  // The attribute is float32, as ONNX defines it; clearprop multiplies by the float64 α (a ≤ ½-ulp difference).
  onnx: (slope) => ({ op: 'LeakyRelu', floatAttributes: { alpha: slope ?? DEFAULT_ALPHA } }),
  kernel: (slope) => {
    const alpha = slope ?? DEFAULT_ALPHA;
    return {
      forward(z, a, rows, cols) {
        const n = rows * cols;
        for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : alpha * z[i];
      },
      backward(z, _a, da, dz, rows, cols) {
        const n = rows * cols;
        for (let i = 0; i < n; i++) dz[i] = z[i] > 0 ? da[i] : alpha * da[i];
      },
    };
  },
  emitter: (slope) => {
    const alpha = literal(slope ?? DEFAULT_ALPHA);
    return perUnit({
      forward: (z, round) => round(`${z} > 0 ? ${z} : ${alpha} * ${z}`),
      backward: (da, z, _a, round) => round(`${z} > 0 ? ${da} : ${alpha} * ${da}`),
      reads: { z: true, a: false },
    });
  },
};
