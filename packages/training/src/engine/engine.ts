import { backwardInto, createWorkspace, forwardInto, lossInto, type GradientTransform, type Loss, type Model, type ModelParams, type ParamTree, type Workspace } from '@clearprop/nn';
import type { FloatArray, KernelSet } from '@clearprop/tensor';

/**
 * The mutable core of a run: parameters, optimizer state and a workspace, all allocated once.
 * Only the training loop holds one; nothing outside sees its buffers change.
 */
export interface Engine {
  readonly model: Model;
  readonly loss: Loss;
  readonly optimizer: GradientTransform<ParamTree>;
  readonly kernels: KernelSet;
  readonly params: ModelParams;
  readonly optState: ParamTree;
  readonly ws: Workspace;
}

/** Builds an engine owning `params` and `optState` (pass copies if the caller keeps them). */
export function createEngine(setup: Omit<Engine, 'ws' | 'optState'> & { readonly optState?: ParamTree; readonly capacity: number }): Engine {
  const { capacity, ...rest } = setup;
  return {
    ...rest,
    optState: setup.optState ?? setup.optimizer.init(setup.params),
    ws: createWorkspace(setup.model, capacity, setup.params[0].weight.dtype),
  };
}

/** Forward, BP1, BP2–BP4 for the `rows` rows already in ws.input/ws.target; the batch loss lands in ws.loss[0]. Allocates nothing. */
export function computeGradients(engine: Engine, rows: number): void {
  forwardInto(engine.model, engine.params, engine.ws, rows, engine.kernels);
  lossInto(engine.model, engine.params, engine.loss, engine.ws, rows);
  backwardInto(engine.model, engine.params, engine.ws, rows, engine.kernels);
}

/** Turns ws.grads into updates (optimizer, in place) and applies them to the params. Allocates nothing. */
export function applyGradients(engine: Engine): void {
  engine.optimizer.updateInPlace(engine.ws.grads, engine.optState, engine.params);
  addUpdates(engine.params, engine.ws.grads);
}

// applyUpdatesInPlace for the engine's own trees: ws.grads is built with exactly the params' layout, so the
// generic structure walk and its checks (a third of a tiny net's step) are not needed. Same adds, same order.
function addUpdates(params: ModelParams, updates: ModelParams): void {
  for (let l = 0; l < params.length; l++) {
    const p = params[l];
    const u = updates[l];
    addInto(p.weight.data, u.weight.data);
    addInto(p.bias.data, u.bias.data);
    if (p.alpha !== undefined && u.alpha !== undefined) addInto(p.alpha.data, u.alpha.data);
  }
}

function addInto(p: FloatArray, u: FloatArray): void {
  for (let i = 0; i < p.length; i++) p[i] += u[i];
}

/** One training step on the batch in the workspace: computeGradients then applyGradients; loss in ws.loss[0]. */
export function engineStep(engine: Engine, rows: number): void {
  computeGradients(engine, rows);
  applyGradients(engine);
}
