import type { ActivationName } from '../activations/registry.ts';

export type { ActivationName };

/**
 * An activation as written in a model spec: a bare name, or an object with options. Only activations whose record
 * has an `alpha` trait take `alpha`: `leakyRelu` as a fixed slope (default 0.01; the seed used 0.5), `prelu` as the
 * starting value of one learned slope per unit (default 0.25, as PyTorch).
 */
export type ActivationSpec = ActivationName | { readonly name: ActivationName; readonly alpha?: number };

/** Names of the built-in weight initializers. `normal` is the seed's N(0, 1) for weights and biases. */
export type InitializerName = 'normal' | 'glorotUniform' | 'glorotNormal' | 'heNormal' | 'heUniform';

/**
 * Penalties on a layer's weights W, added to the training objective: C += ½·l2·‖W‖² + l1·‖W‖₁, so ∂C/∂W gains
 * l2·W + l1·sign(W) (BP4). Biases and PReLU slopes are never penalized (the Keras and scikit-learn convention).
 */
export interface Regularization {
  /** λ₂ ≥ 0. @defaultValue 0 */
  readonly l2?: number;
  /** λ₁ ≥ 0. @defaultValue 0 */
  readonly l1?: number;
}

/** One dense layer: `units` outputs, then an activation. W is stored [units, inputs] (PyTorch layout). */
export interface LayerSpec {
  readonly units: number;
  readonly activation: ActivationSpec;
  /** @defaultValue the activation's `defaultInit` trait: heNormal for the ReLU family, glorotUniform otherwise */
  readonly init?: InitializerName;
  /**
   * How the bias starts: zeros, or drawn like a row of weights from an initializer with the layer's fan-in and
   * fan-out (`glorotUniform` is scikit-learn's MLP init, U(±√(6/(in+out))) for W and b alike).
   * @defaultValue 'normal' when `init` is 'normal' (the seed's), else 'zeros'
   */
  readonly biasInit?: 'zeros' | InitializerName;
  /** Weight penalties of this layer (training only). @defaultValue none */
  readonly regularization?: Regularization;
  /**
   * Inverted dropout on this layer's output, in training only: each activation is zeroed with probability p and the
   * rest scaled by 1/(1 − p), so evaluation (which never drops) sees the same expected values. p in [0, 1); not on
   * the output layer. @defaultValue 0
   */
  readonly dropout?: number;
}

/** A fully connected network: input width, then dense layers in order. Plain JSON, saved with the model. */
export interface ModelSpec {
  readonly inputs: number;
  readonly layers: readonly LayerSpec[];
}
