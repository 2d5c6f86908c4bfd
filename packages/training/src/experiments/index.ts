export type { BuiltinDataName, DataConfig, ExperimentConfig, ExperimentOverrides, Experiment } from './types.ts';
export { ConfigError, parseConfig, experimentSchema } from './schema.ts';
export { PRESETS, PRESET_NAMES, DEFAULT_PRESET, presetConfig } from './presets.ts';
export type { BuildOptions, CsvReader } from './build.ts';
export { buildExperiment } from './build.ts';
export { MAX_SEED, OVERRIDE_RANGES } from './override-ranges.ts';
export { checkOverrides } from './overrides.ts';
