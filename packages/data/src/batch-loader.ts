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
 * Cuts one epoch of a dataset into batches without allocating per batch: the training loop's one data path
 * (`train()` gathers each batch with `loadInto` straight into its workspace). Rows follow `order`
 * (identity until `shuffle` or `restoreOrder`).
 */
export interface BatchLoader {
  readonly batchSize: number;
  /** Batches per epoch: ⌈length / batchSize⌉, or ⌊length / batchSize⌋ with dropRemainder. */
  readonly count: number;
  /** The current epoch's row order, [length]. Owned by the loader; read, do not write. */
  readonly order: Int32Array;
  /** Draws a new epoch order: a Fisher–Yates permutation from `rng`, written into `order`. */
  shuffle(rng: Rng): void;
  /** Puts the rows back in dataset order (an epoch without shuffling). */
  restoreOrder(): void;
  /**
   * Gathers batch b into caller-owned buffers (x [≥ size·features], y [≥ size·targets], and the rows' loss weights
   * into `weights` [≥ size] when given and the dataset has them) and returns its row count `size`. Allocates
   * nothing; throws RangeError for a batch outside 0…count−1.
   */
  loadInto(b: number, x: Float32Array, y: Float32Array, weights?: Float32Array): number;
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
 * Creates a BatchLoader over `ds`. `load` allocates its full-size and remainder-size buffers on first use only
 * (the training loop never calls it); after that, `shuffle`, `load` and `loadInto` allocate nothing.
 * @example
 * const loader = batchLoader(ds, { batchSize: 32, dropRemainder: true });
 * loader.shuffle(rng);
 * for (let b = 0; b < loader.count; b++) step(loader.load(b));
 */
export function batchLoader(ds: Dataset, options: BatchOptions): BatchLoader {
  const { batchSize } = options;
  const count = batchCount(ds.length, options);
  const order = new Int32Array(ds.length);
  const restoreOrder = () => {
    for (let i = 0; i < ds.length; i++) order[i] = i;
  };
  restoreOrder();
  let full: Buffers | undefined;
  let short: Buffers | undefined;
  const loadInto = (b: number, x: Float32Array, y: Float32Array, weights?: Float32Array): number => {
    if (!Number.isInteger(b) || b < 0 || b >= count) throw new RangeError(`batchLoader: batch ${b} is outside 0…${count - 1}`);
    const start = b * batchSize;
    const size = Math.min(batchSize, ds.length - start);
    gatherRowsKernel(ds.x, ds.features, order, start, size, x);
    gatherRowsKernel(ds.y, ds.targets, order, start, size, y);
    if (weights !== undefined && ds.weights !== undefined) gatherRowsKernel(ds.weights, 1, order, start, size, weights);
    return size;
  };
  return {
    batchSize,
    count,
    order,
    shuffle: (rng) => permutationInto(rng, order),
    restoreOrder,
    loadInto,
    load: (b) => {
      const size = Math.min(batchSize, ds.length - b * batchSize);
      const target = size === batchSize ? (full ??= buffers(ds, batchSize)) : (short ??= buffers(ds, Math.max(size, 0)));
      loadInto(b, target.x, target.y);
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
