import type { FloatArray } from '@clearprop/tensor';
import type { ActivationName } from '../model/spec.ts';

/**
 * An activation applied to a batch of pre-activations z [rows, cols] (row-major), writing a = f(z).
 * Kernels work on the first rows·cols elements of caller-owned buffers and never allocate, so one workspace
 * serves every batch size up to its capacity.
 */
export interface Activation {
  readonly name: ActivationName;
  /** Fixed slope (leakyRelu) or initial slope (prelu); undefined for the others. */
  readonly alpha?: number;
  /** True when the activation has learned parameters (PReLU's per-unit slopes α [cols]). */
  readonly learnsAlpha: boolean;
  /** a = f(z). `alpha` holds the learned slopes for prelu. */
  forward(z: FloatArray, a: FloatArray, rows: number, cols: number, alpha?: FloatArray): void;
  /**
   * dz = ∂C/∂z from da = ∂C/∂a: da ⊙ f′(z) for element-wise activations (the ⊙ σ′(z) of BP1/BP2),
   * the Jacobian–vector product for softmax. For prelu also writes dAlpha [cols] = Σ_rows da ⊙ ∂a/∂α.
   * `dz` may alias `da`.
   */
  backward(z: FloatArray, a: FloatArray, da: FloatArray, dz: FloatArray, rows: number, cols: number, alpha?: FloatArray, dAlpha?: FloatArray): void;
}

/** An element-wise function with its derivative; `df` may use the input z or the output a. */
export interface ElementwiseDefinition {
  readonly name: ActivationName;
  readonly alpha?: number;
  f(z: number): number;
  df(z: number, a: number): number;
}

/** Builds an Activation from a scalar function and its derivative (tfjs `unaryKernelFunc`, candle `UnaryOpT`). */
export function elementwise(definition: ElementwiseDefinition): Activation {
  const { f, df } = definition;
  return {
    name: definition.name,
    alpha: definition.alpha,
    learnsAlpha: false,
    forward(z, a, rows, cols) {
      const n = rows * cols;
      for (let i = 0; i < n; i++) a[i] = f(z[i]);
    },
    backward(z, a, da, dz, rows, cols) {
      const n = rows * cols;
      for (let i = 0; i < n; i++) dz[i] = da[i] * df(z[i], a[i]);
    },
  };
}
