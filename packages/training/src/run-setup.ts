import { gatherRowsKernel, type Dataset } from '@clearprop/data';
import { resolveLoss, sequential, treeClone, type Model, type ModelParams, type ParamTree } from '@clearprop/nn';
import { createRng, createWasmKernels, restoreRng, tsKernels, wasmSimdSupported, type KernelSet, type Rng } from '@clearprop/tensor';
import { createEngine, type Engine } from './engine/engine.ts';
import { buildOptimizer, type BuiltOptimizer } from './optimizer.ts';
import type { TrainSpec } from './spec.ts';

/** Thrown when a TrainSpec does not fit together (data width vs model, batch size, epochs…); names the field. */
export class TrainSpecError extends Error {
  override readonly name = 'TrainSpecError';
}

/** Where a run resumes from (a decoded checkpoint, or just initial weights). */
export interface ResumePoint {
  readonly params: ModelParams;
  readonly optState?: ParamTree;
  /** Shuffle-RNG state at the start of `epoch`. */
  readonly rngState?: readonly number[];
  readonly epoch?: number;
  readonly step?: number;
  readonly batchIndex?: number;
  readonly lrMultiplier?: number;
  readonly epochLossSum?: number;
  readonly epochRows?: number;
}

/** Everything a run needs, allocated once before the first batch. */
export interface RunSetup {
  readonly model: Model;
  readonly engine: Engine;
  readonly optimizer: BuiltOptimizer;
  readonly batchSize: number;
  readonly batchesPerEpoch: number;
  readonly order: Int32Array;
  readonly shuffleRng: Rng;
  readonly lr: { multiplier: number };
}

/** Throws TrainSpecError (naming the field) unless the spec fits its data; returns the model and batch layout. */
export function checkSpec(spec: TrainSpec): { readonly model: Model; readonly batchSize: number; readonly batchesPerEpoch: number } {
  const model = sequential(spec.model);
  const { train } = spec;
  if (train.length === 0) throw new TrainSpecError('train: the training set is empty');
  if (train.features !== model.inputs) throw new TrainSpecError(`model.inputs is ${model.inputs} but the training data has ${train.features} feature columns`);
  if (train.targets !== model.outputs) throw new TrainSpecError(`the last layer has ${model.outputs} units but the training data has ${train.targets} target columns`);
  for (const [name, ds] of [['validation', spec.validation], ['test', spec.test]] as const) {
    if (ds && (ds.features !== train.features || ds.targets !== train.targets)) {
      throw new TrainSpecError(`${name}: ${ds.features} features × ${ds.targets} targets, the training set has ${train.features} × ${train.targets}`);
    }
  }
  if (!Number.isInteger(spec.epochs) || spec.epochs < 0) throw new TrainSpecError(`epochs must be an integer ≥ 0, got ${spec.epochs}`);
  if (!Number.isInteger(spec.batchSize) || spec.batchSize < 1) throw new TrainSpecError(`batchSize must be a positive integer, got ${spec.batchSize}`);
  resolveLoss(spec.loss);
  const batchSize = Math.min(spec.batchSize, train.length);
  const batchesPerEpoch = spec.dropRemainder ? Math.floor(train.length / batchSize) : Math.ceil(train.length / batchSize);
  return { model, batchSize, batchesPerEpoch };
}

/** Builds model, engine and optimizer for a checked spec (allocates every buffer the run will use). */
export function setupRun(spec: TrainSpec, kernels: KernelSet, resume?: ResumePoint): RunSetup {
  const { model, batchSize, batchesPerEpoch } = checkSpec(spec);
  const root = createRng(spec.seed);
  const initRng = root.split();
  const shuffleRng = resume?.rngState ? restoreRng(resume.rngState) : root.split();
  const lr = { multiplier: resume?.lrMultiplier ?? 1 };
  const optimizer = buildOptimizer(spec.optimizer, spec.epochs * batchesPerEpoch, () => lr.multiplier);
  const params = resume ? treeClone(resume.params) : model.init(initRng);
  const engine = createEngine({
    model,
    loss: resolveLoss(spec.loss),
    optimizer: optimizer.transform,
    kernels,
    params,
    capacity: batchSize,
    ...(resume?.optState ? { optState: treeClone(resume.optState) } : {}),
  });
  return { model, engine, optimizer, batchSize, batchesPerEpoch, order: new Int32Array(spec.train.length), shuffleRng, lr };
}

/**
 * The fastest kernel set this runtime supports: WASM SIMD128 GEMM (with the TS kernels for tiny products and
 * float64), else the pure-TS kernels. A fresh set per run, so runs share no memory.
 */
export function defaultKernels(): KernelSet {
  return wasmSimdSupported() ? createWasmKernels() : tsKernels;
}

/** Copies batch `batch` of the epoch order into the workspace; returns its row count. Allocates nothing. */
export function loadBatch(setup: RunSetup, data: Dataset, batch: number): number {
  const start = batch * setup.batchSize;
  const rows = Math.min(setup.batchSize, data.length - start);
  gatherRowsKernel(data.x, data.features, setup.order, start, rows, setup.engine.ws.input as Float32Array);
  gatherRowsKernel(data.y, data.targets, setup.order, start, rows, setup.engine.ws.target as Float32Array);
  return rows;
}

/** Copies every tensor of `from` into the same-shaped `to` (snapshots for best weights and rollback). */
export function copyParams(from: ModelParams, to: ModelParams): void {
  from.forEach((p, l) => {
    to[l].weight.data.set(p.weight.data);
    to[l].bias.data.set(p.bias.data);
    if (p.alpha) to[l].alpha?.data.set(p.alpha.data);
  });
}
