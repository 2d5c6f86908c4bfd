import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ModelSpec } from '@clearprop/nn';
import { loadModel, type SavedModel } from '@clearprop/training';
import { InputError } from './exit-codes.ts';

/**
 * Reads the architecture for weights-only files (`--spec`): a JSON ModelSpec `{ "inputs", "layers" }`,
 * or a clearprop `.safetensors` model whose spec is used.
 */
export async function readSpecFile(path: string): Promise<ModelSpec> {
  if (extname(path).toLowerCase() === '.safetensors') return (await loadModel(path)).spec;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new InputError(`${path}: cannot read a JSON model spec (${(error as Error).message})`);
  }
  const spec = raw as Partial<ModelSpec>;
  if (typeof spec !== 'object' || spec === null || typeof spec.inputs !== 'number' || !Array.isArray(spec.layers)) {
    throw new InputError(`${path}: a model spec needs "inputs" (a number) and "layers" (an array of { units, activation })`);
  }
  return spec as ModelSpec;
}

// The library asks for `options.spec` (its API); on the command line that is the --spec flag.
const LIBRARY_SPEC_HINT = 'pass the architecture as options.spec';
const CLI_SPEC_HINT = 'pass its architecture with --spec <file> (a JSON model spec, or a clearprop .safetensors model of the same architecture)';

/**
 * Loads a model file (`.safetensors` or `.npz`), with `specPath` for weights-only files. Throws ModelFileError naming
 * the file; a weights-only file without `specPath` is an InputError that names the `--spec` flag.
 */
export async function readModelFile(path: string, specPath?: string): Promise<SavedModel> {
  const spec = specPath ? await readSpecFile(specPath) : undefined;
  try {
    return await loadModel(path, spec ? { spec } : {});
  } catch (error) {
    if (error instanceof Error && error.name === 'ModelFileError' && error.message.endsWith(LIBRARY_SPEC_HINT)) {
      throw new InputError(error.message.slice(0, -LIBRARY_SPEC_HINT.length) + CLI_SPEC_HINT);
    }
    throw error;
  }
}
