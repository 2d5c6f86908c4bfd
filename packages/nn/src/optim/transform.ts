import { treeClone, type ParamTree } from '../tree.ts';

/**
 * An optax-style gradient transformation: a pure `init`/`update` pair over parameter trees.
 * Optimizer state is itself a ParamTree (counters are float64 tensors of shape [1]) so it can be
 * checkpointed like the weights.
 */
export interface GradientTransform<S extends ParamTree = ParamTree> {
  /** Builds the initial state for parameters shaped like `params`. */
  init(params: ParamTree): S;
  /** Pure: returns transformed updates and the next state; never mutates grads, state or params. */
  update(grads: ParamTree, state: S, params?: ParamTree): { readonly updates: ParamTree; readonly state: S };
  /**
   * Engine form used by the training hot path: overwrites `grads` with the updates and `state` with the next
   * state, allocating nothing. `update` is defined as this applied to copies, so the two never disagree.
   */
  updateInPlace(grads: ParamTree, state: S, params?: ParamTree): void;
  /**
   * Optional engine form of updateInPlace then applyUpdatesInPlace(params, grads), fused into one pass by a
   * transform that can: the same numbers in `grads`, `state` and `params`. Engines call it when it is there.
   */
  applyInPlace?(grads: ParamTree, state: S, params: ParamTree): void;
}

/** What a transform author writes: `init` and the in-place update (and, optionally, the fused apply). */
export interface TransformDefinition<S extends ParamTree> {
  init(params: ParamTree): S;
  updateInPlace(grads: ParamTree, state: S, params?: ParamTree): void;
  applyInPlace?(grads: ParamTree, state: S, params: ParamTree): void;
}

/** Completes a definition into a GradientTransform whose pure `update` runs `updateInPlace` on copies. */
export function transform<S extends ParamTree>(definition: TransformDefinition<S>): GradientTransform<S> {
  return {
    init: definition.init,
    updateInPlace: definition.updateInPlace,
    applyInPlace: definition.applyInPlace, // undefined for most: one object shape for every transform
    update(grads, state, params) {
      const updates = treeClone(grads);
      const next = treeClone(state);
      definition.updateInPlace(updates, next, params);
      return { updates, state: next };
    },
  };
}

/** State of a transform that keeps none. */
export type EmptyState = readonly [];

/** A transform with no state from an in-place function of (updates, params). */
export function stateless(updateInPlace: (grads: ParamTree, params?: ParamTree) => void): GradientTransform<EmptyState> {
  return transform<EmptyState>({ init: () => [], updateInPlace: (grads, _state, params) => updateInPlace(grads, params) });
}
