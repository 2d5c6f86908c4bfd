import { parseDecimal } from '@clearprop/data';
import { OVERRIDE_RANGES } from './override-ranges.ts';
import { ConfigError } from './schema.ts';
import type { ExperimentOverrides } from './types.ts';

/** Throws ConfigError (`overrides: seed: expected an integer in 0…4294967295, got "1e+20"`) for an override out of range. */
export function checkOverrides(overrides: ExperimentOverrides): void {
  for (const key of Object.keys(OVERRIDE_RANGES) as (keyof typeof OVERRIDE_RANGES)[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    try {
      parseDecimal(typeof value === 'number' ? String(value) : `${String(value)} (${typeof value})`, OVERRIDE_RANGES[key]);
    } catch (error) {
      throw new ConfigError('overrides', key, (error as Error).message);
    }
  }
}
