import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadConfigFile } from '../../experiments/config-file.ts';
import { parseConfig } from '../../experiments/schema.ts';
import type { ExperimentConfig } from '../../experiments/types.ts';
import { SweepError } from '../sweep-error.ts';
import { checkSweepFile, defineSweep } from '../sweep-file.ts';
import type { SweepDefinition } from '../types.ts';

/**
 * Reads and validates a sweep file (`.yaml`, `.yml` or `.json`): its base experiment (a config path relative to
 * the sweep file, or inline with data paths relative to it) and its space, search, objective, pruning and cv.
 * Data paths in the definition are absolute. A sweep without a name is named after its file. Throws SweepError
 * (the sweep file) or ConfigError (the base config), naming the file and the field.
 */
export async function loadSweepFile(path: string): Promise<SweepDefinition> {
  const extension = extname(path).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(extension)) throw new SweepError(path, '', `unsupported sweep file extension "${extension}"; use .yaml, .yml or .json`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SweepError(path, '', `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = extension === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new SweepError(path, '', `not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message}`);
  }
  const file = checkSweepFile(raw, path);
  const dir = dirname(path);
  const base = typeof file.base === 'string'
    ? await loadConfigFile(resolve(dir, file.base))
    : parseConfig(file.base, `${path} (base)`);
  return defineSweep(file, absoluteData(base, dir), { source: path, name: basename(path, extname(path)) });
}

function absoluteData(config: ExperimentConfig, dir: string): ExperimentConfig {
  const data = { ...config.data };
  for (const key of ['train', 'validation', 'test'] as const) {
    const p = data[key];
    if (p !== undefined && !isAbsolute(p)) data[key] = resolve(dir, p);
  }
  return { ...config, data };
}
