import type { Rng } from '@clearprop/tensor';
import { collate, examples } from './collate.ts';
import type { Batch, Dataset, Example } from './dataset.ts';
import type { BatchOptions } from './batch-loader.ts';
import { pipe } from './step.ts';
import { batch } from './steps/batch.ts';
import { map } from './steps/map.ts';
import { shuffle } from './steps/shuffle.ts';

/** Options for `batches`. */
export interface BatchesOptions extends BatchOptions {
  /** Shuffle rows first with this rng; omitted ⇒ dataset order. @defaultValue undefined */
  readonly rng?: Rng;
}

/**
 * The standard lazy composition: examples → shuffle (if rng) → batch → collate. Each Batch is freshly allocated,
 * which is fine for evaluation and small scripts; the training hot loop uses `batchLoader` instead.
 * Re-iterable: each iteration is one epoch and, with an rng, draws a fresh order from it.
 */
export function batches(ds: Dataset, options: BatchesOptions): Iterable<Batch> {
  const grouped = batch<Example>(options.batchSize, options);
  return {
    [Symbol.iterator]: () => {
      const rows = options.rng ? pipe(examples(ds), shuffle(options.rng)) : examples(ds);
      return pipe(rows, grouped, map(collate))[Symbol.iterator]();
    },
  };
}
