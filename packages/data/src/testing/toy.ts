import type { Dataset } from '../dataset.ts';
import { fromLabels } from '../labels.ts';

/**
 * A class-sorted classification set whose rows identify themselves: row i has x = [i, −i].
 * `perClass[c]` rows of class c, in class order (like iris), for split and shuffle tests.
 * Shapes: x [Σ perClass, 2], y [Σ perClass, perClass.length].
 */
export function sortedToyDataset(perClass: readonly number[]): Dataset {
  const classIndices = perClass.flatMap((count, c) => new Array<number>(count).fill(c));
  const x = classIndices.flatMap((_, i) => [i, -i]);
  return fromLabels(x, classIndices, { name: 'toy', features: 2, classes: perClass.length });
}

/** The row ids of a dataset built by `sortedToyDataset` (its first feature column), in row order. */
export function rowIds(ds: Dataset): number[] {
  return Array.from({ length: ds.length }, (_, i) => ds.x[i * ds.features]);
}
