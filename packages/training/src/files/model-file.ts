import type { Tensor } from '@clearprop/tensor';
import { parseJsonObject, type JsonObject } from './json.ts';
import { excerpt } from '@clearprop/data';
import { paramsFromTensors, safetensorsNames, tensorsFromParams, toFloat32, type FiniteCheckOptions } from './layer-tensors.ts';
import { IN_MEMORY_SOURCE, ModelFileError } from './model-file-error.ts';
import { decodeSafetensors, encodeSafetensors } from './safetensors.ts';
import { parseJson } from './json.ts';
import { parseModelSpec, readDataInfo, readNormalization } from './model-metadata.ts';
import { describeArchitecture, sameArchitecture } from './spec-json.ts';
import type { ModelParams, ModelSpec } from '@clearprop/nn';

/** A model as stored on disk: architecture, weights, and what is needed to use or reproduce it. */
export interface SavedModel {
  readonly spec: ModelSpec;
  readonly params: ModelParams;
  /** Scaler statistics from the data package, stored as opaque JSON so predictions see inputs scaled as in training. */
  readonly normalization?: JsonObject;
  /** The training configuration (JSON), for provenance. */
  readonly trainingConfig?: JsonObject;
  /** Further string metadata; keys must not collide with the reserved ones (format, version, spec, …). */
  readonly extra?: Readonly<Record<string, string>>;
}

/** Options for reading a model file. */
export interface ModelReadOptions extends FiniteCheckOptions {
  /** Architecture to use when the file holds only tensors; checked against the file's own spec when it has one. */
  readonly spec?: ModelSpec;
  /** File name used in error messages. @defaultValue '<in-memory bytes>' */
  readonly source?: string;
}

/** `format` metadata of a model file. */
export const MODEL_FORMAT = 'clearprop';
/** `format` metadata of a training checkpoint. */
export const CHECKPOINT_FORMAT = 'clearprop-checkpoint';
/** Version of the metadata layout, bumped on incompatible change. */
export const FORMAT_VERSION = '1';

/** Metadata keys this package writes itself; `extra` may not use them. */
export const RESERVED_METADATA_KEYS: readonly string[] = ['format', 'version', 'spec', 'normalization', 'training', 'optimizer', 'rng', 'epoch', 'step', 'trainer'];

/**
 * Encodes a model as safetensors: `layers.<i>.weight` [out, in], `layers.<i>.bias` [out], `layers.<i>.alpha` [out]
 * (PReLU only) as float32 LE — PyTorch `nn.Linear` layout, so `safetensors.torch.load_file` reads it directly —
 * with the spec, normalization and training config as JSON in `__metadata__`.
 * Throws ShapeError if params do not fit the spec.
 */
export function modelToSafetensors(model: SavedModel): Uint8Array {
  const tensors = tensorsFromParams(model.spec, toFloat32(model.params), safetensorsNames);
  return encodeSafetensors(tensors, modelMetadata(model, MODEL_FORMAT));
}

/**
 * Decodes a model from safetensors. The spec comes from the file's metadata, or from `options.spec` for
 * tensors-only files such as PyTorch writes. Every tensor is checked against the spec; F64 weights are rounded to
 * float32. The metadata (spec, normalization, dataset) is validated against its schema and the architecture.
 * Throws ModelFileError naming the file for any corruption, a missing, extra or misshapen tensor, NaN/±∞ weights
 * (unless `options.allowNonFinite`), invalid metadata, or a file spec that differs from `options.spec`.
 */
export function modelFromSafetensors(bytes: Uint8Array, options: ModelReadOptions = {}): SavedModel {
  const source = options.source ?? IN_MEMORY_SOURCE;
  const { tensors, metadata } = decodeSafetensors(bytes, source);
  if (metadata.format === CHECKPOINT_FORMAT) {
    throw new ModelFileError(source, 'is a training checkpoint, not a model file; read it with loadCheckpoint');
  }
  const model = readModel(tensors, metadata, { ...options, source });
  return { ...model, params: toFloat32(model.params) };
}

/** The `__metadata__` entries describing a model, with `format` set to the given file kind. */
export function modelMetadata(model: SavedModel, format: string): Record<string, string> {
  const metadata: Record<string, string> = { format, version: FORMAT_VERSION, spec: JSON.stringify(model.spec) };
  if (model.normalization !== undefined) metadata.normalization = JSON.stringify(model.normalization);
  if (model.trainingConfig !== undefined) metadata.training = JSON.stringify(model.trainingConfig);
  for (const [key, value] of Object.entries(model.extra ?? {})) {
    if (RESERVED_METADATA_KEYS.includes(key)) throw new RangeError(`model extra metadata may not use the reserved key "${key}"`);
    metadata[key] = value;
  }
  return metadata;
}

/**
 * Rebuilds a model (keeping tensor dtypes) from decoded tensors and metadata, validating the metadata; shared with
 * checkpoints. `options.spec` is the architecture for tensors-only files (checked against a stored one).
 */
export function readModel(
  tensors: Readonly<Record<string, Tensor>>,
  metadata: Readonly<Record<string, string>>,
  options: FiniteCheckOptions & { readonly spec?: ModelSpec; readonly source: string },
): SavedModel {
  const { source } = options;
  const ours = metadata.format === MODEL_FORMAT || metadata.format === CHECKPOINT_FORMAT;
  if (ours && metadata.version !== FORMAT_VERSION) {
    throw new ModelFileError(source, `format version ${JSON.stringify(excerpt(String(metadata.version), 20))} is not supported (expected "${FORMAT_VERSION}")`);
  }
  const spec = chooseSpec(ours ? metadata.spec : undefined, options.spec, source);
  const params = paramsFromTensors(spec, tensors, safetensorsNames, options);
  const extraEntries = Object.entries(metadata).filter(([key]) => !ours || !RESERVED_METADATA_KEYS.includes(key));
  const normalization = ours && metadata.normalization !== undefined ? parseJsonObject(metadata.normalization, 'normalization', source) : undefined;
  readNormalization(normalization, spec, source);
  const model: SavedModel = {
    spec,
    params,
    ...(normalization !== undefined && { normalization }),
    ...(ours && metadata.training !== undefined && { trainingConfig: parseJsonObject(metadata.training, 'training', source) }),
    ...(extraEntries.length > 0 && { extra: Object.fromEntries(extraEntries) }),
  };
  if (ours) readDataInfo(model, source);
  return model;
}

function chooseSpec(stored: string | undefined, given: ModelSpec | undefined, source: string): ModelSpec {
  if (stored === undefined) {
    if (given === undefined) throw new ModelFileError(source, 'holds only tensors (no clearprop spec in __metadata__); pass the architecture as options.spec');
    return given;
  }
  const spec = parseModelSpec(parseJson(stored, 'spec', source), source);
  if (given !== undefined && !sameArchitecture(spec, given)) {
    throw new ModelFileError(source, `file spec ${describeArchitecture(spec)} differs from the given spec ${describeArchitecture(given)}`);
  }
  return spec;
}
