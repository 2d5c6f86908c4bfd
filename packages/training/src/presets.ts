// @clearprop/training/presets: the built-in experiment configs as plain data. Loads no training code, so a CLI can
// list them (help text, argument choices) and check numeric flags (OVERRIDE_RANGES, with parseDecimal from
// @clearprop/data/decimal) without paying for rxjs, zod and the engine.
export type { ExperimentConfig } from './experiments/types.ts';
export { PRESETS, PRESET_NAMES, DEFAULT_PRESET, presetConfig } from './experiments/presets.ts';
export { MAX_SEED, OVERRIDE_RANGES } from './experiments/override-ranges.ts';
