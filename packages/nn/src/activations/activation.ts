import type { FloatArray } from '@clearprop/tensor';
import type { InitializerName } from '../model/spec.ts';
import type { ActivationEmitter } from './emitter.ts';
import type { OnnxLowering } from './onnx-lowering.ts';
import type { ActivationName } from './registry.ts';

/**
 * The kernel pair of an activation over a batch of pre-activations z [rows, cols] (row-major). Kernels work on
 * the first rows·cols elements of caller-owned buffers and never allocate, so one workspace serves every batch
 * size up to its capacity.
 */
export interface ActivationKernel {
  /** a = f(z). `alpha` holds the learned slopes α [cols] when the activation learns them (PReLU). */
  forward(z: FloatArray, a: FloatArray, rows: number, cols: number, alpha?: FloatArray): void;
  /**
   * dz = ∂C/∂z from da = ∂C/∂a: da ⊙ f′(z) for element-wise activations (the ⊙ σ′(z) of BP1/BP2),
   * the Jacobian–vector product for softmax. A learned-slope activation also writes dAlpha [cols] = Σ_rows da ⊙ ∂a/∂α.
   * `dz` may alias `da`.
   */
  backward(z: FloatArray, a: FloatArray, da: FloatArray, dz: FloatArray, rows: number, cols: number, alpha?: FloatArray, dAlpha?: FloatArray): void;
}

/**
 * What the rest of the library knows about an activation, read from its record instead of switching on names:
 * layer statistics, the divergence diagnosis, default initializers, spec validation and the runner's task guess.
 */
export interface ActivationTraits {
  /** Outputs a < low or a > high count as saturated (f′ ≈ 0 there). @defaultValue undefined (never saturates) */
  readonly saturation?: { readonly low: number; readonly high: number };
  /** ReLU family: a unit whose z ≤ 0 on every row of a batch counts as dead. @defaultValue false */
  readonly deadBelowZero?: boolean;
  /** The initializer of a layer whose spec names none (He for the ReLU family, Glorot otherwise). */
  readonly defaultInit: InitializerName;
  /**
   * The slope option `alpha`: fixed (leaky ReLU) or learned per unit starting there (PReLU), and its default.
   * @defaultValue undefined (the activation takes no alpha)
   */
  readonly alpha?: { readonly default: number; readonly learned: boolean };
  /** Couples the units of a row (softmax), so it is only allowed on the output layer. @defaultValue false */
  readonly outputOnly?: boolean;
  /** Each output row is a distribution over classes: a model ending here is a classifier. @defaultValue false */
  readonly classProbabilities?: boolean;
}

/**
 * One activation, whole: its traits, its kernels and the emitter that writes the same kernels as source for
 * compiled steps (model/compiled-step.ts), bit for bit. The registry (registry.ts) maps names to records.
 */
export interface ActivationRecord {
  readonly traits: ActivationTraits;
  /** The kernels for one layer; `alpha` is the layer's slope when traits.alpha is set (else undefined). */
  kernel(alpha: number | undefined): ActivationKernel;
  /** The kernels as source, for the same `alpha`. */
  emitter(alpha: number | undefined): ActivationEmitter;
  /** The same function as ONNX operators (opset 17), for the same `alpha`. */
  onnx(alpha: number | undefined): OnnxLowering;
}

/** One layer's activation, as resolveActivation builds it from a record and the spec's options. */
export interface Activation extends ActivationKernel {
  readonly name: ActivationName;
  /** Fixed slope (leakyRelu) or initial slope (prelu); undefined for activations that take no alpha. */
  readonly alpha?: number;
  /** True when the activation has learned parameters, α [cols] (traits.alpha.learned). */
  readonly learnsAlpha: boolean;
  readonly traits: ActivationTraits;
  /** Source for compiled steps; undefined when there is none (compileStep then declines the model). */
  readonly emitter?: ActivationEmitter;
  /** The ONNX operators computing it; undefined when there are none (an export then fails naming the layer). */
  readonly onnx?: OnnxLowering;
}

/** A scalar function and its derivative; `df` may use the input z or the output a. */
export interface ElementwiseDefinition {
  f(z: number): number;
  df(z: number, a: number): number;
}

/**
 * Builds a kernel pair from a scalar function and its derivative (tfjs `unaryKernelFunc`, candle `UnaryOpT`).
 * Quick to write, but the shared loop calls a closure per element, about 3× slower on small nets than a record's
 * own loops, which is why the built-in records write theirs out.
 */
export function elementwise(definition: ElementwiseDefinition): ActivationKernel {
  const { f, df } = definition;
  return {
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
