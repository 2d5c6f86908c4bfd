import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
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
  const config = parseConfig(raw, path);
  return config.name === undefined ? { ...config, name: basename(path, extname(path)) } : config;
}
