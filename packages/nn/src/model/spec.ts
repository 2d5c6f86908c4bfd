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

/** One dense layer: `units` outputs, then an activation. W is stored [units, inputs] (PyTorch layout). */
export interface LayerSpec {
  readonly units: number;
  readonly activation: ActivationSpec;
  /** @defaultValue the activation's `defaultInit` trait: heNormal for the ReLU family, glorotUniform otherwise */
  readonly init?: InitializerName;
}

/** A fully connected network: input width, then dense layers in order. Plain JSON, saved with the model. */
export interface ModelSpec {
  readonly inputs: number;
  readonly layers: readonly LayerSpec[];
}
