import type { FloatArray } from '@clearprop/tensor';
import { forEachLeaf } from '../leaves.ts';
import { stateless, type EmptyState, type GradientTransform } from '../transform.ts';
import { checkArgument } from '../validate.ts';

/** Multiplies every update by a constant: u ← factor·u. */
export function scale(factor: number): GradientTransform<EmptyState> {
  checkArgument('scale', 'factor', factor, true, 'a finite number');
  const scalars = Float64Array.of(factor);
  return stateless((grads) => forEachLeaf(grads, scaleKernel, scalars));
}

/** a ← scalars[0]·a, in a's dtype. Shared by the transforms that rescale updates. */
export function scaleKernel(a: FloatArray, scalars: Float64Array): void {
  const factor = scalars[0];
  for (let i = 0; i < a.length; i++) a[i] *= factor;
}
