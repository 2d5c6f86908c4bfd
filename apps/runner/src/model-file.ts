import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ModelSpec } from '@clearprop/nn';
import { ModelFileError, parseModelSpec, type SavedModel } from '@clearprop/training';
import { loadModel } from '@clearprop/training/node';

/** What `--spec` supplies: the architecture, and — when it is a clearprop model — the metadata that goes with it. */
export interface SpecSource {
  readonly spec: ModelSpec;
  /** The clearprop model's normalization, training config and dataset info (absent for a JSON spec). */
  readonly metadata?: Omit<SavedModel, 'spec' | 'params'>;
}

/**
 * Reads `--spec`: a JSON ModelSpec `{ "inputs", "layers" }` (validated by the model-metadata schema, naming the
 * field), or a clearprop `.safetensors` model, whose spec and metadata are used. Throws ModelFileError naming the file.
 */
export async function readSpecFile(path: string): Promise<SpecSource> {
  if (extname(path).toLowerCase() === '.safetensors') {
    const { spec, params: _params, ...metadata } = await loadModel(path);
    return { spec, metadata };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ModelFileError(path, `cannot read a JSON model spec (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  }
  return { spec: parseModelSpec(raw, path, 'spec') };
}

const LIBRARY_SPEC_HINT = 'pass the architecture as options.spec';
const CLI_SPEC_HINT = 'pass its architecture with --spec <file> (a JSON model spec, or a clearprop .safetensors model of the same architecture)';

/**
 * Loads a model file (`.safetensors` or `.npz`), with `specPath` for weights-only files. Metadata the file lacks
 * (normalization, training config, dataset info) comes from a clearprop `--spec` model, so a round trip through npz
 * keeps it. Throws ModelFileError naming the file; NaN/±∞ weights are such an error unless
 * `options.allowNonFinite` (inspect --allow-non-finite).
 */
export async function readModelFile(path: string, specPath?: string, options: { readonly allowNonFinite?: boolean } = {}): Promise<SavedModel> {
  const source = specPath ? await readSpecFile(specPath) : undefined;
  try {
    const saved = await loadModel(path, { ...(source ? { spec: source.spec } : {}), ...(options.allowNonFinite === true ? { allowNonFinite: true } : {}) });
    return withMetadata(saved, source?.metadata);
  } catch (error) {
    // The library asks for `options.spec` (its API); on the command line that is the --spec flag.
    if (error instanceof ModelFileError && source === undefined && error.reason.endsWith(LIBRARY_SPEC_HINT)) {
      throw new ModelFileError(error.file, error.reason.slice(0, -LIBRARY_SPEC_HINT.length) + CLI_SPEC_HINT, { cause: error });
    }
    throw error;
  }
}

function withMetadata(saved: SavedModel, metadata: SpecSource['metadata']): SavedModel {
  if (!metadata) return saved;
  return {
    ...saved,
    ...(saved.normalization === undefined && metadata.normalization !== undefined ? { normalization: metadata.normalization } : {}),
    ...(saved.trainingConfig === undefined && metadata.trainingConfig !== undefined ? { trainingConfig: metadata.trainingConfig } : {}),
    extra: { ...metadata.extra, ...saved.extra },
  };
}
