import { batchLoader } from '@clearprop/data';
import { resolveLoss, sequential, type Model, type ModelParams, type ParamTree } from '@clearprop/nn';
import { createWasmKernels, tsKernels, wasmSimdSupported, type KernelSet } from '@clearprop/tensor';
import { plural } from '../describe/plural.ts';
import { checkModelLimits } from './limits.ts';
import type { TrainSpec } from '../spec.ts';

/** Thrown when a TrainSpec does not fit together (data width vs model, batch size, epochs…); names the field. */
export class TrainSpecError extends Error {
  override readonly name = 'TrainSpecError';
}

/** Where a run resumes from (a decoded checkpoint, or just initial weights). */
export interface ResumePoint {
  readonly params: ModelParams;
  readonly optState?: ParamTree;
  /** Shuffle-RNG state at the start of the epoch after `epoch` completed ones. */
  readonly rngState?: readonly number[];
  /** Epochs completed. */
  readonly epoch?: number;
  readonly step?: number;
  /** Batches done in the epoch in progress. */
  readonly batchIndex?: number;
  readonly lrMultiplier?: number;
  /** Σ loss·weight over the open epoch's batches (loss·rows without weights). */
  readonly epochLossSum?: number;
  readonly epochRows?: number;
  /** Σ row weights over the open epoch's batches. @defaultValue epochRows */
  readonly epochWeightSum?: number;
  /** Σ unweighted loss·rows over the open epoch's batches. @defaultValue epochLossSum */
  readonly epochUnweightedSum?: number;
  /** Σ penalty·rows over the open epoch's batches. @defaultValue 0 */
  readonly epochPenaltySum?: number;
  /** State of the dropout-mask RNG at this batch boundary. @defaultValue the fresh run's */
  readonly dropoutRngState?: readonly number[];
}

/** What checkSpec derives from a valid spec. */
export interface CheckedSpec {
  readonly model: Model;
  readonly batchSize: number;
  readonly batchesPerEpoch: number;
}

/**
 * Throws TrainSpecError (naming the field) unless the spec fits its data and its size limits (spec.limits);
 * returns the model and batch layout. Allocates nothing the model's size decides.
 */
export function checkSpec(spec: TrainSpec): CheckedSpec {
  const model = sequential(spec.model);
  checkModelLimits(model, spec.limits, (message) => new TrainSpecError(message));
  const { train } = spec;
  if (train.length === 0) throw new TrainSpecError('train: the training set is empty');
  if (train.features !== model.inputs) throw new TrainSpecError(`model.inputs is ${model.inputs} but the training data has ${train.features} feature columns`);
  if (train.targets !== model.outputs) {
    const per = train.task === 'classification' ? ' (one per class)' : '';
    throw new TrainSpecError(`model.layers[${spec.model.layers.length - 1}].units is ${model.outputs}, but the training data has ${plural(train.targets, 'target column')}${per}`);
  }
  for (const [name, ds] of [['validation', spec.validation], ['test', spec.test]] as const) {
    if (ds && (ds.features !== train.features || ds.targets !== train.targets)) {
      throw new TrainSpecError(`${name}: ${ds.features} features × ${ds.targets} targets, the training set has ${train.features} × ${train.targets}`);
    }
  }
  if (!Number.isInteger(spec.epochs) || spec.epochs < 0) throw new TrainSpecError(`epochs must be an integer ≥ 0, got ${spec.epochs}`);
  if (!Number.isInteger(spec.batchSize) || spec.batchSize < 1) throw new TrainSpecError(`batchSize must be a positive integer, got ${spec.batchSize}`);
  checkThreshold(spec, model);
  const output = model.activations[model.activations.length - 1];
  // A distribution over one class is the constant 1: nothing to learn (a model file may still hold one, for inference).
  if (output.traits.classProbabilities && model.outputs === 1) {
    throw new TrainSpecError(`model.layers[${model.activations.length - 1}]: ${output.name} over 1 unit always outputs 1; for two classes use 1 sigmoid unit with binaryCrossEntropy, or 2 ${output.name} units`);
  }
  resolveLoss(spec.loss);
  const batchSize = Math.min(spec.batchSize, train.length);
  const batchesPerEpoch = batchLoader(train, { batchSize, dropRemainder: spec.dropRemainder ?? false }).count;
  return { model, batchSize, batchesPerEpoch };
}

// A threshold decides between the two classes of a single output; anywhere else it would silently do nothing.
function checkThreshold(spec: TrainSpec, model: Model): void {
  const { threshold } = spec;
  if (threshold === undefined) return;
  if (!(threshold > 0 && threshold < 1)) throw new TrainSpecError(`threshold must be in (0, 1), got ${threshold}`);
  if (spec.train.task !== 'classification' || model.outputs !== 1) {
    throw new TrainSpecError(`threshold applies to a binary classifier (one output unit, labels 0/1); this model has ${model.outputs} outputs for ${spec.train.task}`);
  }
}

/**
 * The fastest kernel set this runtime supports: WASM SIMD128 GEMM (with the TS kernels for tiny products and
 * float64), else the pure-TS kernels. A fresh set per run, so runs share no memory.
 */
export function defaultKernels(): KernelSet {
  return wasmSimdSupported() ? createWasmKernels() : tsKernels;
}

/** Copies every tensor of `from` into the same-shaped `to` (snapshots for best weights and rollback). */
export function copyParams(from: ModelParams, to: ModelParams): void {
  from.forEach((p, l) => {
    to[l].weight.data.set(p.weight.data);
    to[l].bias.data.set(p.bias.data);
    if (p.alpha) to[l].alpha?.data.set(p.alpha.data);
  });
}
