import { parseDecimal, type NumberRange } from '@clearprop/data';
import { ConfigError } from './schema.ts';
import type { ExperimentOverrides } from './types.ts';

/** The largest seed: seeds are mixed as 32-bit words, so a larger one would silently alias a smaller one. */
export const MAX_SEED = 0xffffffff;

/**
 * What each numeric override may be — the config schema's ranges for the same fields. Both apps parse their
 * `--epochs`, `--batch-size`, `--lr` and `--seed` flags with these (`parseDecimal(text, OVERRIDE_RANGES.seed)`).
 */
export const OVERRIDE_RANGES = {
  epochs: { integer: true, min: 0 },
  batchSize: { integer: true, min: 1 },
  lr: { above: 0 },
  seed: { integer: true, min: 0, max: MAX_SEED },
  maxParameters: { integer: true, min: 1 },
} as const satisfies Record<string, NumberRange>;

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
