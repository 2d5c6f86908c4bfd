import { binaryCrossEntropy, binaryCrossEntropyFromLogits, softmaxCrossEntropy } from './cross-entropy.ts';
import type { Loss } from './loss.ts';
import { halfSumSquared, meanSquaredError } from './squared.ts';

/**
 * Every built-in loss by name, in documentation order: the one place names meet records. LossName, the config
 * schema and error messages derive from it. Frozen: nothing registers at run time.
 */
export const LOSSES = Object.freeze({
  halfSumSquared,
  meanSquaredError,
  binaryCrossEntropy,
  binaryCrossEntropyFromLogits,
  softmaxCrossEntropy,
} satisfies Readonly<Record<string, Loss>>);

/** Names of the built-in losses. */
export type LossName = keyof typeof LOSSES;

/** Every built-in loss name, in documentation order. */
export const LOSS_NAMES = Object.keys(LOSSES) as readonly LossName[];
