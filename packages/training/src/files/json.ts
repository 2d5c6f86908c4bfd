import { excerpt } from '@clearprop/data';
import { ModelFileError } from './model-file-error.ts';

/** A JSON object as stored in metadata: opaque to this module, owned by whoever wrote it. */
export type JsonObject = { readonly [key: string]: unknown };

/** True for a non-null, non-array object. */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Parses a metadata value that must hold a JSON object; throws ModelFileError naming the metadata key. */
export function parseJsonObject(text: string, key: string, source: string): JsonObject {
  const value = parseJson(text, key, source);
  if (!isPlainObject(value)) throw new ModelFileError(source, `metadata "${key}" is not a JSON object`);
  return value;
}

/** Parses a metadata value that must hold JSON; throws ModelFileError naming the metadata key. */
export function parseJson(text: string, key: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ModelFileError(source, `metadata "${key}" is not valid JSON (${excerpt((error as Error).message)})`, { cause: error });
  }
}
