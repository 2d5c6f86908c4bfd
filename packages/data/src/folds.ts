import type { Rng } from '@clearprop/tensor';
import type { Dataset } from './dataset.ts';
import { assertClassification, labels } from './labels.ts';
import { permutation, shuffleInPlace } from './permutation.ts';

/** Options for `foldIndices`. */
export interface FoldOptions {
  /** How many folds (k ≥ 2, at most the row count). */
  readonly folds: number;
  /** Source of the shuffle; same rng state ⇒ same folds. */
  readonly rng: Rng;
  /** Keep each class's proportion in every fold (classification only). @defaultValue false */
  readonly stratify?: boolean;
}

/**
 * Assigns every row of `ds` to one of k folds for k-fold cross-validation; returns the row indices of each fold
 * (disjoint, together covering 0…length−1, each in shuffled order). Fold sizes differ by at most one row.
 * With `stratify`, the rows are dealt class by class (each class shuffled first) round-robin over the folds,
 * continuing the rotation from one class to the next, so each fold holds ⌊n_c/k⌋ or ⌈n_c/k⌉ rows of every
 * class c — scikit-learn's StratifiedKFold guarantee — and the totals still differ by at most one.
 * Throws RangeError for k < 2 or k > length, and for stratifying a regression set.
 * @see https://scikit-learn.org/stable/modules/cross_validation.html#stratified-k-fold
 */
export function foldIndices(ds: Dataset, options: FoldOptions): Int32Array[] {
  const k = options.folds;
  if (!Number.isInteger(k) || k < 2 || k > ds.length) throw new RangeError(`folds: expected an integer in 2…${ds.length} (the row count), got ${k}`);
  let order: ArrayLike<number>;
  if (options.stratify) {
    assertClassification(ds, 'foldIndices with stratify');
    const groups: number[][] = Array.from({ length: ds.classes }, () => []);
    labels(ds).forEach((label, row) => groups[label].push(row));
    order = groups.flatMap((group) => shuffleInPlace(options.rng, group));
  } else {
    order = permutation(ds.length, options.rng);
  }
  const folds: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < order.length; i++) folds[i % k].push(order[i]);
  // Dealt class by class, each fold would be class-sorted; shuffle so batches of a fold mix classes from the start.
  return folds.map((fold) => shuffleInPlace(options.rng, Int32Array.from(fold)));
}
