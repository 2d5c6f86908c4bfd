import { expFor, maskPositiveKernel } from '@clearprop/tensor';
import type { Activation } from './activation.ts';

// Each activation has its own forward and backward loop rather than going through elementwise(f, df): a shared
// loop calling a per-activation closure is a megamorphic call per element, about 3× slower on small nets.

/** Logistic sigmoid σ(z) = 1/(1+e^−z); σ′ = a(1−a). Saturates for |z| ≳ 5, where gradients vanish. */
export const sigmoid = (): Activation => ({
  name: 'sigmoid',
  learnsAlpha: false,
  forward(z, a, rows, cols) {
    const n = rows * cols;
    const exp = expFor(a);
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
});

/** Hyperbolic tangent; tanh′ = 1 − a². */
export const tanh = (): Activation => ({
  name: 'tanh',
  learnsAlpha: false,
  forward(z, a, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) a[i] = Math.tanh(z[i]);
  },
  backward(_z, a, da, dz, rows, cols) {
    const n = rows * cols;
    for (let i = 0; i < n; i++) dz[i] = da[i] * (1 - a[i] * a[i]);
  },
});

/** Rectified linear unit max(z, 0). NOTE: the derivative at exactly 0 is taken as 0 (as PyTorch). */
export const relu = (): Activation => ({
  name: 'relu',
  learnsAlpha: false,
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
});

/** Leaky ReLU: z for z > 0, αz otherwise, with a fixed α (the seed used 0.5). @defaultValue alpha 0.01 (PyTorch) */
export const leakyRelu = (alpha = 0.01): Activation => {
  if (!Number.isFinite(alpha)) throw new RangeError(`leakyRelu: alpha must be finite, got ${alpha}`);
  return {
    name: 'leakyRelu',
    alpha,
    learnsAlpha: false,
    forward(z, a, rows, cols) {
      const n = rows * cols;
      for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : alpha * z[i];
    },
    backward(z, _a, da, dz, rows, cols) {
      const n = rows * cols;
      for (let i = 0; i < n; i++) dz[i] = z[i] > 0 ? da[i] : alpha * da[i];
    },
  };
};

/** Identity f(z) = z (linear output layer for regression, or logits for fused losses). */
export const identity = (): Activation => ({
  name: 'identity',
  learnsAlpha: false,
  forward(z, a, rows, cols) {
    if (a !== z) for (let i = 0; i < rows * cols; i++) a[i] = z[i];
  },
  backward(_z, _a, da, dz, rows, cols) {
    if (dz !== da) for (let i = 0; i < rows * cols; i++) dz[i] = da[i];
  },
});
