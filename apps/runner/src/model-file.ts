import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ModelSpec } from '@clearprop/nn';
import { loadModel, parseModelSpec, type SavedModel } from '@clearprop/training';
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
  return parseModelSpec(raw, path, 'spec');
}

/**
 * Loads a model file (`.safetensors` or `.npz`), with `specPath` for weights-only files. Throws ModelFileError naming
 * the file; NaN/±∞ weights are such an error unless `options.allowNonFinite` (inspect --allow-non-finite).
 */
export async function readModelFile(path: string, specPath?: string, options: { readonly allowNonFinite?: boolean } = {}): Promise<SavedModel> {
  const spec = specPath ? await readSpecFile(specPath) : undefined;
  return loadModel(path, { ...(spec ? { spec } : {}), ...(options.allowNonFinite === true ? { allowNonFinite: true } : {}) });
}
