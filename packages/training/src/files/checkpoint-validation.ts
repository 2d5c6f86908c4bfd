import { formatShape, shapesEqual, type Tensor } from '@clearprop/tensor';
import type { ModelSpec, ParamTree } from '@clearprop/nn';
import { buildOptimizer } from '../optimizer.ts';
import type { OptimizerConfig } from '../spec.ts';
import type { Checkpoint } from './checkpoint.ts';
import { isPlainObject } from './json.ts';
import { assertFiniteTensor } from './layer-tensors.ts';
import { IN_MEMORY_SOURCE, ModelFileError } from './model-file-error.ts';
import { describeArchitecture, sameArchitecture } from './spec-json.ts';

/** The loop position a checkpoint's `trainerState` carries besides weights, optimizer state and RNG. */
export interface TrainerState {
  /** Batches of the current epoch already done, in [0, batchesPerEpoch] (= when stopped before the epoch's end). */
  readonly batchIndex: number;
  /** The set-LR / reduce-on-plateau factor, finite and > 0. */
  readonly lrMultiplier: number;
  /** Σ loss·rows over the epoch's done batches, finite and ≥ 0. */
  readonly epochLossSum: number;
  /** Rows of the epoch's done batches: min(batchIndex · batchSize, rowsPerEpoch). */
  readonly epochRows: number;
  /** Σ row weights of the epoch's done batches, finite and ≥ 0 (= epochRows without weights; absent in older files). */
  readonly epochWeightSum?: number;
  /** Σ unweighted loss·rows of the epoch's done batches, finite and ≥ 0 (absent in older files). */
  readonly epochUnweightedSum?: number;
  /** Σ weight penalty·rows of the epoch's done batches, finite and ≥ 0 (absent in older files). */
  readonly epochPenaltySum?: number;
  /** The dropout RNG's state, four uint32 words (absent in older files). */
  readonly dropoutRng?: readonly number[];
}

/** What the run about to resume builds, to check a checkpoint against. */
export interface CheckpointExpectations {
  /** The architecture of the run. */
  readonly model: ModelSpec;
  /** The run's optimizer: its initial state is the tree the checkpoint's optimizer state must match. */
  readonly optimizer: OptimizerConfig;
  /** Rows per batch (the configured batch size capped at the training-set size). */
  readonly batchSize: number;
  readonly batchesPerEpoch: number;
  /** Rows one epoch trains on (the training-set size, less the dropped remainder). */
  readonly rowsPerEpoch: number;
  /** File name for messages. @defaultValue '<in-memory bytes>' */
  readonly source?: string;
}

/**
 * Checks that a decoded checkpoint can resume the described run, so a foreign or hand-edited file fails here with
 * a ModelFileError naming the field instead of crashing, diverging or "completing" with nonsense:
 * - the architecture equals the run's, and every weight is finite;
 * - the optimizer state has exactly the tree (arity, keys, shapes, dtypes) the configured optimizer builds, with
 *   finite values, step counters (`count`) equal to the checkpoint's step and second moments (`nu`) ≥ 0;
 * - the trainer state, when present, is an object with integer batchIndex in [0, batchesPerEpoch], finite
 *   lrMultiplier > 0, finite epochLossSum ≥ 0 and epochRows = min(batchIndex · batchSize, rowsPerEpoch); the
 *   optional epochWeightSum, epochUnweightedSum and epochPenaltySum finite and ≥ 0, dropoutRng four uint32 words.
 */
export function validateCheckpoint(checkpoint: Checkpoint, expected: CheckpointExpectations): void {
  const source = expected.source ?? IN_MEMORY_SOURCE;
  const { spec, params } = checkpoint.model;
  if (!sameArchitecture(spec, expected.model)) {
    throw new ModelFileError(source, `checkpoint holds a ${describeArchitecture(spec)} network, the run builds ${describeArchitecture(expected.model)}`);
  }
  params.forEach((p, l) => {
    for (const [part, t] of Object.entries(p)) assertFiniteTensor(t as Tensor, `layers.${l}.${part}`, source);
  });
  const template = buildOptimizer(expected.optimizer, 1, () => 1).transform.init(params);
  const context = { source, step: checkpoint.step, optimizer: expected.optimizer.name };
  matchTree(checkpoint.optimizerState, template, 'optimizer', context);
  if (checkpoint.trainerState !== undefined) checkTrainerState(checkpoint.trainerState, expected, source);
}

interface TreeContext {
  readonly source: string;
  readonly step: number;
  readonly optimizer: string;
}

function matchTree(actual: ParamTree, template: ParamTree, path: string, context: TreeContext): void {
  const fail = (problem: string): never => {
    throw new ModelFileError(context.source, `optimizer state ${path}: ${problem} (the run's optimizer is ${context.optimizer})`);
  };
  if (isTensor(template)) {
    if (!isTensor(actual)) return fail('is not a tensor');
    if (!shapesEqual(actual.shape, template.shape)) fail(`has shape ${formatShape(actual.shape)}, expected ${formatShape(template.shape)}`);
    if (actual.dtype !== template.dtype) fail(`is ${actual.dtype}, expected ${template.dtype}`);
    checkValues(actual, path, context, fail);
    return;
  }
  if (Array.isArray(template)) {
    if (!Array.isArray(actual)) return fail(`is not a list of ${template.length}`);
    if (actual.length !== template.length) fail(`has ${actual.length} entries, expected ${template.length}`);
    template.forEach((child, i) => matchTree(actual[i], child, `${path}.${i}`, context));
    return;
  }
  if (isTensor(actual) || Array.isArray(actual)) return fail('is not an object');
  const keys = Object.keys(template).sort();
  const actualKeys = Object.keys(actual).sort();
  if (keys.join('\u0000') !== actualKeys.join('\u0000')) fail(`has keys [${actualKeys.join(', ')}], expected [${keys.join(', ')}]`);
  const children = template as { readonly [key: string]: ParamTree };
  for (const key of keys) matchTree((actual as { readonly [key: string]: ParamTree })[key], children[key], `${path}.${key}`, context);
}

function checkValues(t: Tensor, path: string, context: TreeContext, fail: (problem: string) => never): void {
  assertFiniteTensor(t, `optimizer state ${path}`, context.source);
  const leaf = path.slice(path.lastIndexOf('.') + 1);
  if (leaf === 'count' && t.data[0] !== context.step) fail(`counts ${t.data[0]} updates but the checkpoint's step is ${context.step}`);
  // Second-moment estimates are running means of g², so a negative one can only come from a damaged file.
  if (/(^|\.)nu(\.|$)/.test(path) && t.data.some((v) => v < 0)) fail('holds a negative second moment');
}

function checkTrainerState(raw: unknown, expected: CheckpointExpectations, source: string): void {
  const fail = (field: string, value: unknown, rule: string): never => {
    throw new ModelFileError(source, `metadata "trainer".${field} is ${JSON.stringify(value) ?? String(value)}; it must be ${rule}`);
  };
  if (!isPlainObject(raw)) throw new ModelFileError(source, 'metadata "trainer" is not an object with batchIndex, lrMultiplier, epochLossSum and epochRows');
  const { batchIndex, lrMultiplier, epochLossSum, epochRows } = raw;
  const { batchesPerEpoch, batchSize, rowsPerEpoch } = expected;
  // batchIndex = batchesPerEpoch is a stop after the epoch's last batch, before its epochEnd.
  if (!Number.isInteger(batchIndex) || (batchIndex as number) < 0 || (batchIndex as number) > batchesPerEpoch) {
    fail('batchIndex', batchIndex, `an integer in [0, ${batchesPerEpoch}] (batches per epoch)`);
  }
  if (typeof lrMultiplier !== 'number' || !Number.isFinite(lrMultiplier) || lrMultiplier <= 0) fail('lrMultiplier', lrMultiplier, 'a finite number > 0');
  if (typeof epochLossSum !== 'number' || !Number.isFinite(epochLossSum) || epochLossSum < 0) fail('epochLossSum', epochLossSum, 'a finite number ≥ 0');
  const rows = Math.min((batchIndex as number) * batchSize, rowsPerEpoch);
  if (epochRows !== rows) fail('epochRows', epochRows, `${rows} (the rows of ${batchIndex as number} batches of ${batchSize})`);
  for (const field of ['epochWeightSum', 'epochUnweightedSum', 'epochPenaltySum'] as const) {
    const value = raw[field];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) fail(field, value, 'a finite number ≥ 0');
  }
  const { dropoutRng } = raw;
  if (dropoutRng !== undefined && !(Array.isArray(dropoutRng) && dropoutRng.length === 4 && dropoutRng.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff))) {
    fail('dropoutRng', dropoutRng, 'four uint32 words (an RNG state)');
  }
}

function isTensor(node: ParamTree | undefined): node is Tensor {
  const data = (node as Tensor | undefined)?.data;
  return data instanceof Float32Array || data instanceof Float64Array;
}
