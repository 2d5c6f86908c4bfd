import { backwardInto, compileStep, createWorkspace, forwardInto, lossInto, type CompiledStep, type GradientTransform, type Loss, type Model, type ModelParams, type ParamTree, type Schedule, type Workspace } from '@clearprop/nn';
import type { FloatArray, KernelSet, Rng } from '@clearprop/tensor';

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
  /** The step generated for this model's widths (tiny nets only), bit-identical to the generic kernels. */
  readonly compiled?: CompiledStep;
  /** Plain SGD applied directly (the optimizer's `plainSgd` descriptor): its schedule, its step counter inside optState, scratch. */
  readonly sgd?: { readonly lr: Schedule; readonly count: FloatArray; readonly scalars: Float64Array };
  /** The RNG dropout masks are drawn from (the run's, so they are part of its seeded, resumable state). */
  readonly dropout?: Rng;
  /** The loss is a weighted mean over the per-row weights the loader gathers into ws.weights. */
  readonly weighted: boolean;
}

/** What createEngine needs: the engine's inputs, the batch capacity and whether the fast paths may be used. */
export type EngineSetup = Omit<Engine, 'ws' | 'optState' | 'compiled' | 'sgd' | 'weighted'> & {
  readonly optState?: ParamTree;
  readonly capacity: number;
  /** @defaultValue false */
  readonly weighted?: boolean;
  /**
   * Use the fast paths: compileStep when the net qualifies, and when the optimizer's descriptor says it is plain
   * SGD, u = −lr(t)·g and p += u applied here with the same roundings and counter, skipping the tree walks of
   * chain/scaleByLearningRate/applyUpdates (they cost more than the arithmetic on a tiny net). Both give the generic
   * path's numbers bit for bit; false forces the generic path (the reference). @defaultValue true
   */
  readonly fastPaths?: boolean;
};

/** Builds an engine owning `params` and `optState` (pass copies if the caller keeps them). */
export function createEngine(setup: EngineSetup): Engine {
  const { model, loss, optimizer, kernels, params, capacity, dropout, fastPaths = true, weighted = false } = setup;
  const dtype = params[0].weight.dtype;
  const compiled = fastPaths ? compileStep(model, loss, { capacity, kernels, dtype, weighted }) : undefined;
  const optState = setup.optState ?? optimizer.init(params);
  const descriptor = fastPaths ? optimizer.descriptor : undefined;
  const sgd = descriptor?.kind === 'plainSgd' ? { lr: descriptor.lr, count: descriptor.counter(optState), scalars: new Float64Array(1) } : undefined;
  // Every field written out, always in this order (absent ones as undefined), never spread: V8 gave objects built
  // by spreading the setup a fresh hidden class each time once that spread site had seen a few shapes, so every
  // run's engine had its own class and the loop's optimized code was thrown away run after run (W1: 38 → 80 ms
  // of CPU for several runs in a row, the run-to-run spread).
  return {
    model,
    loss,
    optimizer,
    kernels,
    params,
    optState,
    ws: createWorkspace(model, capacity, dtype),
    compiled,
    sgd,
    dropout,
    weighted,
  };
}

/**
 * Forward (dropping units when the engine has a dropout RNG), BP1, BP2–BP4 for the `rows` rows already in
 * ws.input/ws.target (and ws.weights when weighted); the batch loss lands in ws.loss, the penalty in ws.penalty.
 * Allocates nothing.
 */
export function computeGradients(engine: Engine, rows: number): void {
  if (engine.compiled !== undefined) {
    engine.compiled(engine.params, engine.ws, rows);
    return;
  }
  const { ws } = engine;
  forwardInto(engine.model, engine.params, ws, rows, engine.kernels, ws.input, engine.dropout);
  lossInto(engine.model, engine.params, engine.loss, ws, rows, ws.target, engine.weighted ? ws.weights : undefined);
  backwardInto(engine.model, engine.params, ws, rows, engine.kernels);
}

/** Turns ws.grads into updates (optimizer, in place) and applies them to the params. Allocates nothing. */
export function applyGradients(engine: Engine): void {
  if (engine.sgd !== undefined) {
    sgdStep(engine.params, engine.ws.grads, engine.sgd);
    return;
  }
  if (engine.optimizer.applyInPlace !== undefined) {
    engine.optimizer.applyInPlace(engine.ws.grads, engine.optState, engine.params); // the same two steps, fused
    return;
  }
  engine.optimizer.updateInPlace(engine.ws.grads, engine.optState, engine.params);
  addUpdates(engine.params, engine.ws.grads);
}

// scaleByLearningRate then addUpdates, fused per element: u ← −lr(t)·g stored (ws.grads then holds the updates, as
// layer stats expect), p ← p + u; then t ← t + 1. The scale travels in `scalars` (see nn's optim/leaves.ts).
function sgdStep(params: ModelParams, grads: ModelParams, sgd: NonNullable<Engine['sgd']>): void {
  const { count, scalars } = sgd;
  scalars[0] = -sgd.lr(count[0]);
  count[0] += 1;
  for (let l = 0; l < params.length; l++) {
    const p = params[l];
    const u = grads[l];
    scaleAddInto(p.weight.data, u.weight.data, scalars);
    scaleAddInto(p.bias.data, u.bias.data, scalars);
    if (p.alpha !== undefined && u.alpha !== undefined) scaleAddInto(p.alpha.data, u.alpha.data, scalars);
  }
}

function scaleAddInto(p: FloatArray, u: FloatArray, scalars: Float64Array): void {
  const factor = scalars[0];
  for (let i = 0; i < p.length; i++) {
    u[i] *= factor;
    p[i] += u[i];
  }
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

/**
 * The training loop's step: computeGradients, then applyGradients only if the batch loss is finite (a diverged
 * batch leaves the params as they were, for the divergence report). Returns whether the update was applied.
 * A compiled tiny net under plain SGD does both in one generated pass (same numbers, no second walk over ws.grads).
 */
export function trainBatch(engine: Engine, rows: number): boolean {
  const { compiled, sgd } = engine;
  if (compiled !== undefined && sgd !== undefined) {
    // The schedule is pure, so evaluating it before the backward pass (and on a diverged batch) changes nothing.
    sgd.scalars[0] = -sgd.lr(sgd.count[0]);
    if (!compiled(engine.params, engine.ws, rows, sgd.scalars)) return false;
    sgd.count[0] += 1;
    return true;
  }
  computeGradients(engine, rows);
  if (!Number.isFinite(engine.ws.loss[0])) return false;
  applyGradients(engine);
  return true;
}

/**
 * trainBatch with a look at the gradients before they are applied: `inspect` runs between backward and update,
 * on a finite loss only, and its result is returned (null for a diverged batch). Never fused.
 */
export function trainBatchInspecting<T>(engine: Engine, rows: number, inspect: (engine: Engine, rows: number) => T): T | null {
  computeGradients(engine, rows);
  if (!Number.isFinite(engine.ws.loss[0])) return null;
  const seen = inspect(engine, rows);
  applyGradients(engine);
  return seen;
}
