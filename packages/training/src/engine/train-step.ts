import { assertBatch, treeClone, type GradientTransform, type Loss, type Model, type ModelParams, type ParamTree } from '@clearprop/nn';
import { tsKernels, type KernelSet, type Tensor } from '@clearprop/tensor';
import { createEngine, engineStep } from './engine.ts';

/** Parameters and optimizer state between steps. */
export interface TrainState {
  readonly params: ModelParams;
  readonly optState: ParamTree;
  readonly step: number;
}

/** What a step needs besides the state. */
export interface StepSetup {
  readonly model: Model;
  readonly loss: Loss;
  readonly optimizer: GradientTransform<ParamTree>;
  /** @defaultValue tsKernels */
  readonly kernels?: KernelSet;
}

/**
 * Pure training step: returns the next state and the batch loss; never mutates `state` or the batch.
 * Shapes: x [batch, inputs], y [batch, outputs]. The loop uses the allocation-free engine instead; both run the
 * same code (this one on copies).
 */
export function trainStep(setup: StepSetup, state: TrainState, batch: { readonly x: Tensor; readonly y: Tensor }): { readonly state: TrainState; readonly loss: number } {
  const rows = assertBatch(setup.model, batch.x, batch.y);
  // A one-off engine per call: looking up (or generating) a compiled step would outweigh the one step it runs, and
  // the generic path gives the same numbers.
  const engine = createEngine({ ...setup, kernels: setup.kernels ?? tsKernels, params: treeClone(state.params), optState: treeClone(state.optState), capacity: Math.max(rows, 1), fastPaths: false });
  engine.ws.input.set(batch.x.data);
  engine.ws.target.set(batch.y.data);
  engineStep(engine, rows);
  return { state: { params: engine.params, optState: engine.optState, step: state.step + 1 }, loss: engine.ws.loss[0] };
}
