import type { DType } from '../dtype.ts';
import type { Rng } from '../random.ts';
import { size, type Shape } from '../shape.ts';
import { tensor, type Tensor } from '../tensor.ts';

/** A tensor of `shape` with N(0, scale²) entries drawn from `rng`. */
export function randomTensor(rng: Rng, shape: Shape, options: { readonly dtype?: DType; readonly scale?: number } = {}): Tensor {
  const { dtype = 'float32', scale = 1 } = options;
  const values = Array.from({ length: size(shape) }, () => rng.normal() * scale);
  return tensor(values, shape, { dtype });
}
