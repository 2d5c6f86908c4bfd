import type { FloatArray } from '@clearprop/tensor';
import { treeClone, type ParamTree } from '../tree.ts';
import type { Schedule } from './schedules.ts';

/**
 * What a transform is, tagged by its builder, for engines that apply well-known transforms directly instead of
 * calling `updateInPlace` (so they never inspect a state's layout themselves).
 * `plainSgd`: the transform is exactly u ← −lr(t)·u, with t = counter(state)[0] the updates applied so far,
 * incremented after each one (scaleByLearningRate alone: SGD without momentum, clipping or decay).
 */
export interface PlainSgdDescriptor<S extends ParamTree = ParamTree> {
  readonly kind: 'plainSgd';
  readonly lr: Schedule;
  /** The step counter inside `state`, as a live view: an engine that applies the step increments it there. */
  counter(state: S): FloatArray;
}

/** Every kind of transform descriptor (a union, to grow by variant). */
export type TransformDescriptor<S extends ParamTree = ParamTree> = PlainSgdDescriptor<S>;

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
  /** Set by builders whose transform is a well-known one an engine may apply directly. @defaultValue undefined */
  readonly descriptor?: TransformDescriptor<S>;
  /**
   * Optional engine form of updateInPlace then applyUpdatesInPlace(params, grads), fused into one pass by a
   * transform that can: the same numbers in `grads`, `state` and `params`. Engines call it when it is there.
   */
  applyInPlace?(grads: ParamTree, state: S, params: ParamTree): void;
}

/** What a transform author writes: `init` and the in-place update (and a descriptor, when it is a well-known one, and optionally the fused apply). */
export interface TransformDefinition<S extends ParamTree> {
  init(params: ParamTree): S;
  updateInPlace(grads: ParamTree, state: S, params?: ParamTree): void;
  readonly descriptor?: TransformDescriptor<S>;
  applyInPlace?(grads: ParamTree, state: S, params: ParamTree): void;
}

/** Completes a definition into a GradientTransform whose pure `update` runs `updateInPlace` on copies. */
export function transform<S extends ParamTree>(definition: TransformDefinition<S>): GradientTransform<S> {
  return {
    init: definition.init,
    updateInPlace: definition.updateInPlace,
    // Optional members written out even when undefined: one object shape for every transform (V8 hidden classes).
    applyInPlace: definition.applyInPlace,
    descriptor: definition.descriptor,
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
