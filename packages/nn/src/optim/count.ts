import { zeros, type Tensor } from '@clearprop/tensor';

/** A step counter stored as a float64 tensor of shape [1], so it checkpoints with the rest of the state. */
export function zeroCount(): Tensor {
  return zeros([1], { dtype: 'float64' });
}
