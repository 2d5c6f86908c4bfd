import type { ActivationRecord } from './activation.ts';
import { literal, perUnit } from './emitter.ts';

const C = Math.sqrt(2 / Math.PI);
const K = 0.044715;

/**
 * GELU, tanh approximation (PyTorch `gelu(approximate='tanh')`, BERT, GPT-2): a = ½z(1 + t),
 * t = tanh(√(2/π)·(z + 0.044715z³)); a′ = ½(1 + t) + ½z(1 − t²)·√(2/π)·(1 + 3·0.044715z²).
 * A smooth ReLU: small negative outputs instead of a dead region. The backward recomputes t from z.
 * @see Hendrycks & Gimpel 2016, "Gaussian Error Linear Units", https://arxiv.org/abs/1606.08415
 */
export const gelu: ActivationRecord = {
  traits: { defaultInit: 'heNormal' },
  // ONNX has Gelu only from opset 20: the same formula from primitive operators.
  onnx: () => ({
    nodes: [
      { op: 'Mul', inputs: ['x', 'x'], output: 'x2' },
      { op: 'Mul', inputs: ['x2', 'x'], output: 'x3' },
      { op: 'Mul', inputs: ['x3', K], output: 'kx3' },
      { op: 'Add', inputs: ['x', 'kx3'], output: 'inner' },
      { op: 'Mul', inputs: ['inner', C], output: 'scaled' },
      { op: 'Tanh', inputs: ['scaled'], output: 't' },
      { op: 'Add', inputs: ['t', 1], output: 'onePlusT' },
      { op: 'Mul', inputs: ['x', 0.5], output: 'halfX' },
      { op: 'Mul', inputs: ['halfX', 'onePlusT'], output: 'a' },
    ],
  }),
  kernel: () => ({
    forward(z, a, rows, cols) {
      const n = rows * cols;
      for (let i = 0; i < n; i++) {
        const v = z[i];
        a[i] = 0.5 * v * (1 + Math.tanh(C * (v + K * v * v * v)));
      }
    },
    backward(z, _a, da, dz, rows, cols) {
      const n = rows * cols;
      for (let i = 0; i < n; i++) {
        const v = z[i];
        const t = Math.tanh(C * (v + K * v * v * v));
        dz[i] = da[i] * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * C * (1 + 3 * K * v * v));
      }
    },
  }),
  emitter: () => {
    const [c, k] = [literal(C), literal(K)];
    const inner = (z: string) => `Math.tanh(${c} * (${z} + ${k} * ${z} * ${z} * ${z}))`;
    return perUnit({
      forward: (z, round) => round(`0.5 * ${z} * (1 + ${inner(z)})`),
      backward: (da, z, _a, round) => round(`(t = ${inner(z)}, ${da} * (0.5 * (1 + t) + 0.5 * ${z} * (1 - t * t) * ${c} * (1 + 3 * ${k} * ${z} * ${z})))`),
      reads: { z: true, a: false },
    });
  },
};
