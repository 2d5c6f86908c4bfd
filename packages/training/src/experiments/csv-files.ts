import { isAbsolute, resolve } from 'node:path';
import { loadCsv } from '@clearprop/data/node';
import type { CsvReader } from './build.ts';

/**
 * A `readCsv` for `buildExperiment` that reads files from disk, relative paths against `baseDir` (a config
 * file's directory, so its data paths mean the same from any working directory). Node only.
 *
 * @example
 * const config = await loadConfigFile('experiments/wine.yaml');
 * const experiment = buildExperiment(config, { readCsv: csvFiles('experiments') });
 */
export function csvFiles(baseDir: string = process.cwd()): CsvReader {
  return (path, options) => loadCsv(isAbsolute(path) ? path : resolve(baseDir, path), options);
}
