import { elementwise, type Activation } from './activation.ts';

/** Logistic sigmoid σ(z) = 1/(1+e^−z); σ′ = a(1−a). Saturates for |z| ≳ 5, where gradients vanish. */
export const sigmoid = (): Activation =>
  elementwise({
    name: 'sigmoid',
    // Split by sign so e^−z never overflows for large negative z.
    f: (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))),
    df: (_z, a) => a * (1 - a),
  });

/** Hyperbolic tangent; tanh′ = 1 − a². */
export const tanh = (): Activation => elementwise({ name: 'tanh', f: Math.tanh, df: (_z, a) => 1 - a * a });

/** Rectified linear unit max(z, 0). NOTE: the derivative at exactly 0 is taken as 0 (as PyTorch). */
export const relu = (): Activation => elementwise({ name: 'relu', f: (z) => (z > 0 ? z : 0), df: (z) => (z > 0 ? 1 : 0) });

/** Leaky ReLU: z for z > 0, αz otherwise, with a fixed α (the seed used 0.5). @defaultValue alpha 0.01 (PyTorch) */
export const leakyRelu = (alpha = 0.01): Activation => {
  if (!Number.isFinite(alpha)) throw new RangeError(`leakyRelu: alpha must be finite, got ${alpha}`);
  return elementwise({ name: 'leakyRelu', alpha, f: (z) => (z > 0 ? z : alpha * z), df: (z) => (z > 0 ? 1 : alpha) });
};

/** Identity f(z) = z (linear output layer for regression, or logits for fused losses). */
export const identity = (): Activation => elementwise({ name: 'identity', f: (z) => z, df: () => 1 });
