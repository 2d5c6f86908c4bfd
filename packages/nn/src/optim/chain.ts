import type { ParamTree } from '../tree.ts';
import { transform, type GradientTransform, type TransformDescriptor } from './transform.ts';

/** The state of `chain(...transforms)`: each child's state, in the same order. */
export type ChainState<T extends readonly GradientTransform[]> = {
  readonly [K in keyof T]: T[K] extends GradientTransform<infer S> ? S : never;
};

/**
 * Composes transforms left to right (optax `chain`): each child's update feeds the next. The state is the
 * array of child states, so its length and order match `transforms`. A chain of one transform is that transform,
 * so it keeps the child's descriptor (with the state one level down).
 */
export function chain<const T extends readonly GradientTransform[]>(...transforms: T): GradientTransform<ChainState<T> & ParamTree> {
  const children: readonly GradientTransform[] = [...transforms];
  const states = (state: ParamTree): readonly ParamTree[] => {
    const list = state as readonly ParamTree[];
    if (!Array.isArray(list) || list.length !== children.length) {
      throw new Error(`chain: state has ${Array.isArray(list) ? list.length : 'no'} entries for ${children.length} transforms`);
    }
    return list;
  };
  const only = children.length === 1 ? children[0].descriptor : undefined;
  const descriptor: TransformDescriptor | undefined = only && { ...only, counter: (state) => only.counter(states(state)[0]) };
  return transform<ChainState<T> & ParamTree>({
    init: (params) => children.map((child) => child.init(params)) as unknown as ChainState<T> & ParamTree,
    updateInPlace(grads, state, params) {
      const list = states(state);
      for (let i = 0; i < children.length; i++) children[i].updateInPlace(grads, list[i], params);
    },
    ...(descriptor ? { descriptor } : {}),
  });
}
