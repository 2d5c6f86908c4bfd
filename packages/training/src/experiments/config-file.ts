import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { excerpt } from '@clearprop/data';
import { duplicateJsonKey } from './json-keys.ts';
import { ConfigError, parseConfig } from './schema.ts';
import type { ExperimentConfig } from './types.ts';

/**
 * Reads and validates a `.json`, `.yaml` or `.yml` experiment config. A config without a `name` is named after its
 * file (`wine.yaml` → `wine`), so events, UIs and run folders say which config made them. Throws ConfigError naming
 * the file and the problem.
 */
export async function loadConfigFile(path: string): Promise<ExperimentConfig> {
  const extension = extname(path).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(extension)) throw new ConfigError(path, '', `unsupported config extension "${extension}"; use .json, .yaml or .yml`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, '', `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = extension === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(path, '', `not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message}`);
  }
  // YAML refuses a repeated key; JSON.parse would keep the last one silently.
  const duplicate = extension === '.json' ? duplicateJsonKey(text) : undefined;
  if (duplicate) throw new ConfigError(path, excerpt(duplicate.field, 80), `line ${duplicate.line}: duplicate key "${excerpt(duplicate.key, 40)}" (first on line ${duplicate.firstLine}); each key may appear once`);
  const config = parseConfig(raw, path);
  return config.name === undefined ? { ...config, name: basename(path, extname(path)) } : config;
}
