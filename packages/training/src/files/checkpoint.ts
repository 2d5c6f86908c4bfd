import type { Tensor } from '@clearprop/tensor';
import { excerpt } from '@clearprop/data';
import { parseJson } from './json.ts';
import { safetensorsNames, tensorsFromParams } from './layer-tensors.ts';
import { IN_MEMORY_SOURCE, ModelFileError } from './model-file-error.ts';
import { CHECKPOINT_FORMAT, modelMetadata, readModel, type SavedModel } from './model-file.ts';
import { decodeSafetensors, encodeSafetensors } from './safetensors.ts';
import { flattenTree, unflattenTree } from './tree-codec.ts';
import type { ParamTree } from '@clearprop/nn';

/** Everything needed to resume training exactly where it stopped. */
export interface Checkpoint {
  /** The model; its tensors keep their dtype here (unlike model files, which are float32). */
  readonly model: SavedModel;
  /** Optimizer state as a ParamTree; float64 leaves (counters, moments) are stored as F64 so resume is bit-identical. */
  readonly optimizerState: ParamTree;
  /** `rng.state()`: four uint32 words for `restoreRng`. */
  readonly rngState: readonly number[];
  /** Completed epochs. */
  readonly epoch: number;
  /** Completed optimizer steps. */
  readonly step: number;
  /** Any further JSON the trainer needs (schedules, early-stopping counters, …). */
  readonly trainerState?: unknown;
}

const OPTIMIZER_PREFIX = 'optimizer';

/**
 * Encodes a checkpoint as safetensors: model tensors `layers.<i>.*` and optimizer leaves `optimizer.<dotted path>`,
 * both in their own dtype, with the optimizer tree structure, RNG state, epoch, step and trainer state in metadata.
 * Throws RangeError for an RNG state that is not four uint32 words or a negative or fractional epoch or step.
 */
export function encodeCheckpoint(checkpoint: Checkpoint): Uint8Array {
  const { model, rngState, epoch, step } = checkpoint;
  if (!isRngState(rngState)) throw new RangeError(`encodeCheckpoint: rngState must be four uint32 words, got ${JSON.stringify(rngState)}`);
  if (!isCount(epoch) || !isCount(step)) throw new RangeError(`encodeCheckpoint: epoch ${epoch} and step ${step} must be non-negative integers`);
  const optimizer = flattenTree(checkpoint.optimizerState, OPTIMIZER_PREFIX);
  const tensors = { ...tensorsFromParams(model.spec, model.params, safetensorsNames), ...optimizer.tensors };
  const metadata: Record<string, string> = {
    ...modelMetadata(model, CHECKPOINT_FORMAT),
    optimizer: JSON.stringify(optimizer.structure),
    rng: JSON.stringify(rngState),
    epoch: String(epoch),
    step: String(step),
  };
  if (checkpoint.trainerState !== undefined) metadata.trainer = JSON.stringify(checkpoint.trainerState);
  return encodeSafetensors(tensors, metadata);
}

/**
 * Decodes a checkpoint written by encodeCheckpoint, restoring every tensor with its dtype and the optimizer tree
 * exactly. Throws ModelFileError naming `source` for corruption, a file that is not a checkpoint, or invalid
 * RNG state, epoch, step or optimizer structure.
 */
export function decodeCheckpoint(bytes: Uint8Array, source: string = IN_MEMORY_SOURCE): Checkpoint {
  const { tensors, metadata } = decodeSafetensors(bytes, source);
  if (metadata.format !== CHECKPOINT_FORMAT) {
    throw new ModelFileError(source, `is not a clearprop checkpoint (format ${JSON.stringify(metadata.format ?? null)})`);
  }
  // No prototypes: a tensor named `__proto__` must land in a record as an entry (and be reported as unexpected).
  const modelTensors = Object.create(null) as Record<string, Tensor>;
  const optimizerTensors = Object.create(null) as Record<string, Tensor>;
  for (const [name, t] of Object.entries(tensors)) {
    const isOptimizer = name === OPTIMIZER_PREFIX || name.startsWith(`${OPTIMIZER_PREFIX}.`);
    (isOptimizer ? optimizerTensors : modelTensors)[name] = t;
  }
  const rngState = parseJson(required(metadata, 'rng', source), 'rng', source);
  if (!isRngState(rngState)) throw new ModelFileError(source, `metadata "rng" is not four uint32 words: ${excerpt(metadata.rng, 80)}`);
  const structure = parseJson(required(metadata, 'optimizer', source), 'optimizer', source);
  return {
    model: readModel(modelTensors, metadata, { source }),
    optimizerState: unflattenTree(structure, optimizerTensors, source),
    rngState,
    epoch: parseCount(metadata, 'epoch', source),
    step: parseCount(metadata, 'step', source),
    ...(metadata.trainer !== undefined && { trainerState: parseJson(metadata.trainer, 'trainer', source) }),
  };
}

function required(metadata: Readonly<Record<string, string>>, key: string, source: string): string {
  const value = metadata[key];
  if (value === undefined) throw new ModelFileError(source, `checkpoint metadata lacks "${key}"`);
  return value;
}

function parseCount(metadata: Readonly<Record<string, string>>, key: string, source: string): number {
  const text = required(metadata, key, source);
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!isCount(value)) throw new ModelFileError(source, `metadata "${key}" is not a non-negative integer: ${JSON.stringify(excerpt(text, 40))}`);
  return value;
}

function isRngState(x: unknown): x is readonly number[] {
  return Array.isArray(x) && x.length === 4 && x.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff);
}

function isCount(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}
