import { fromData, type Rng } from '@clearprop/tensor';
import type { Batch, Dataset } from './dataset.ts';
import { gatherRowsKernel } from './kernels/gather.kernel.ts';
import { permutationInto } from './permutation.ts';

/** Batch size and what to do with the last, short batch. */
export interface BatchOptions {
  /** Rows per batch, an integer ≥ 1. */
  readonly batchSize: number;
  /** Skip the last batch when it would be shorter than batchSize. @defaultValue false */
  readonly dropRemainder?: boolean;
}

/**
 * Reusable buffers that cut one epoch of a dataset into batches without allocating per batch:
 * the training hot loop's data path. Rows follow `order` (identity until `shuffle`).
 */
export interface BatchLoader {
  readonly batchSize: number;
  /** Batches per epoch: ⌈length / batchSize⌉, or ⌊length / batchSize⌋ with dropRemainder. */
  readonly count: number;
  /** The current epoch's row order, [length]. Owned by the loader; read, do not write. */
  readonly order: Int32Array;
  /** Draws a new epoch order: a Fisher–Yates permutation from `rng`, written into `order`. */
  shuffle(rng: Rng): void;
  /**
   * Gathers batch b (rows order[b·batchSize …]) into the loader's buffers and returns them as a Batch.
   * Shapes: x [size, features], y [size, targets], size = batchSize except for a short last batch.
   * The returned tensors are overwritten by the next `load` of the same size: copy them to keep them.
   */
  load(b: number): Batch;
}

/** Number of batches per epoch for `rows` rows: ⌈rows / batchSize⌉, or ⌊rows / batchSize⌋ with dropRemainder. */
export function batchCount(rows: number, options: BatchOptions): number {
  assertBatchSize(options.batchSize);
  const whole = Math.floor(rows / options.batchSize);
  return options.dropRemainder || rows % options.batchSize === 0 ? whole : whole + 1;
}

/**
 * Creates a BatchLoader over `ds`. Allocates one full-size and (if needed) one remainder-size pair of buffers
 * up front; `shuffle` and `load` allocate nothing.
 * @example
 * const loader = batchLoader(ds, { batchSize: 32, dropRemainder: true });
 * loader.shuffle(rng);
 * for (let b = 0; b < loader.count; b++) step(loader.load(b));
 */
export function batchLoader(ds: Dataset, options: BatchOptions): BatchLoader {
  const { batchSize } = options;
  const count = batchCount(ds.length, options);
  const order = new Int32Array(ds.length);
  for (let i = 0; i < ds.length; i++) order[i] = i;
  const remainder = ds.length % batchSize;
  const full = ds.length >= batchSize ? buffers(ds, batchSize) : undefined;
  const short = remainder > 0 && !options.dropRemainder ? buffers(ds, remainder) : undefined;
  return {
    batchSize,
    count,
    order,
    shuffle: (rng) => {
      permutationInto(rng, order);
    },
    load: (b) => {
      if (!Number.isInteger(b) || b < 0 || b >= count) throw new RangeError(`batchLoader: batch ${b} is outside 0…${count - 1}`);
      const start = b * batchSize;
      const size = Math.min(batchSize, ds.length - start);
      // Safe: size < batchSize only for the last batch, which exists only when `short` was allocated.
      const target = (size === batchSize ? full : short) as Buffers;
      gatherRowsKernel(ds.x, ds.features, order, start, size, target.x);
      gatherRowsKernel(ds.y, ds.targets, order, start, size, target.y);
      return target.batch;
    },
  };
}

interface Buffers {
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** Tensors aliasing x and y. */
  readonly batch: Batch;
}

function buffers(ds: Dataset, rows: number): Buffers {
  const x = new Float32Array(rows * ds.features);
  const y = new Float32Array(rows * ds.targets);
  return { x, y, batch: { x: fromData(x, [rows, ds.features]), y: fromData(y, [rows, ds.targets]) } };
}

function assertBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be an integer ≥ 1, got ${batchSize}`);
}
