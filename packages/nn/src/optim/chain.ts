import type { ParamTree } from '../tree.ts';
import { transform, type GradientTransform } from './transform.ts';

/** The state of `chain(...transforms)`: each child's state, in the same order. */
export type ChainState<T extends readonly GradientTransform[]> = {
  readonly [K in keyof T]: T[K] extends GradientTransform<infer S> ? S : never;
};

/**
 * Composes transforms left to right (optax `chain`): each child's update feeds the next. The state is the
 * array of child states, so its length and order match `transforms`.
 */
export function chain<const T extends readonly GradientTransform[]>(...transforms: T): GradientTransform<ChainState<T> & ParamTree> {
  const children: readonly GradientTransform[] = [...transforms];
  return transform<ChainState<T> & ParamTree>({
    init: (params) => children.map((child) => child.init(params)) as unknown as ChainState<T> & ParamTree,
    updateInPlace(grads, state, params) {
      const states = state as readonly ParamTree[];
      if (states.length !== children.length) {
        throw new Error(`chain: state has ${states.length} entries for ${children.length} transforms`);
      }
      for (let i = 0; i < children.length; i++) children[i].updateInPlace(grads, states[i], params);
    },
  });
}
