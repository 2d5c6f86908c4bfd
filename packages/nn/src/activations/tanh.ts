import type { ActivationRecord } from './activation.ts';
import { perUnit } from './emitter.ts';

/** Hyperbolic tangent; tanh′ = 1 − a². Saturates for |z| ≳ 2.6 (a within 1% of ±1). */
export const tanh: ActivationRecord = {
  traits: { saturation: { low: -0.99, high: 0.99 }, defaultInit: 'glorotUniform' },
  onnx: () => ({ op: 'Tanh' }),
  kernel: () => ({
    forward(z, a, rows, cols) {
      const n = rows * cols;
      for (let i = 0; i < n; i++) a[i] = Math.tanh(z[i]);
    },
    backward(_z, a, da, dz, rows, cols) {
      const n = rows * cols;
      for (let i = 0; i < n; i++) dz[i] = da[i] * (1 - a[i] * a[i]);
    },
  }),
  emitter: () => perUnit({
    forward: (z, round) => round(`Math.tanh(${z})`),
    backward: (da, _z, a, round) => round(`${da} * (1 - ${a} * ${a})`),
    reads: { z: false, a: true },
  }),
};
