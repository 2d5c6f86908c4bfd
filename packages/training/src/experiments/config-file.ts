import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, parseConfig } from './schema.ts';
import type { ExperimentConfig } from './types.ts';

/** Reads and validates a `.json`, `.yaml` or `.yml` experiment config. Throws ConfigError naming the file and the problem. */
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
  return parseConfig(raw, path);
}
