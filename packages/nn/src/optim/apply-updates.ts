import type { FloatArray } from '@clearprop/tensor';
import { treeClone, type ParamTree } from '../tree.ts';
import { NO_SCALARS, zipLeaves } from './leaves.ts';

/** Pure: a new tree params + updates, leaf by leaf, in the params' dtypes (optax `apply_updates`). */
export function applyUpdates<P extends ParamTree>(params: P, updates: ParamTree): P {
  const next = treeClone(params);
  applyUpdatesInPlace(next, updates);
  return next;
}

/**
 * Engine form: params ← params + updates, overwriting the params' buffers and allocating nothing.
 * Only for the training hot path, on params the engine owns.
 */
export function applyUpdatesInPlace(params: ParamTree, updates: ParamTree): void {
  zipLeaves(params, updates, addKernel, NO_SCALARS);
}

function addKernel(p: FloatArray, u: FloatArray): void {
  for (let i = 0; i < p.length; i++) p[i] += u[i];
}
