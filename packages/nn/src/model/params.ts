import type { Tensor } from '@clearprop/tensor';

/**
 * Parameters of one dense layer. Shapes: weight [out, in], bias [out], alpha [out] (PReLU slopes, only for prelu).
 * z = a_prev · weightᵀ + bias.
 */
export type DenseParams = {
  readonly weight: Tensor;
  readonly bias: Tensor;
  readonly alpha?: Tensor;
};

/** Parameters of a model: one entry per dense layer, in order. */
export type ModelParams = readonly DenseParams[];
