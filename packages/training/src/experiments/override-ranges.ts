import type { NumberRange } from '@clearprop/data/decimal';

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
