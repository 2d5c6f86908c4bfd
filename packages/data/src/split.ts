import type { Rng } from '@clearprop/tensor';
import type { Dataset } from './dataset.ts';
import { assertClassification, labels } from './labels.ts';
import { permutation, shuffleInPlace } from './permutation.ts';
import { subset } from './subset.ts';

/** Fractions of the rows for each part; they must sum to 1. Omitted parts get 0 rows. */
export interface SplitFractions {
  readonly train: number;
  /** @defaultValue 0 */
  readonly validation?: number;
  /** @defaultValue 0 */
  readonly test?: number;
}

/** Options for `splitIndices` / `splitDataset`. */
export interface SplitOptions {
  readonly fractions: SplitFractions;
  /** Source of the shuffle; same rng state ⇒ same split. */
  readonly rng: Rng;
  /** Keep each class's proportion in every part (classification only). @defaultValue false */
  readonly stratify?: boolean;
}

/** Row indices of each part: disjoint, together covering 0…length−1, each part in shuffled order. */
export interface SplitIndices {
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly test: Int32Array;
}

/** The three parts as datasets, plus the row indices they were taken from. */
export interface Split {
  readonly train: Dataset;
  readonly validation: Dataset;
  readonly test: Dataset;
  readonly indices: SplitIndices;
}

const PARTS = ['train', 'validation', 'test'] as const;

/**
 * Splits the rows of `ds` into train / validation / test index sets, shuffling **before** splitting
 * (files like iris are sorted by class; slicing them unshuffled puts whole classes in one part, cf. tfjs #5976).
 * Counts: part p gets round(n·f_p) rows by the largest-remainder rule, so the counts always sum to n.
 * With `stratify`, each class is shuffled and apportioned separately, so every part keeps the class
 * proportions to within one row per class; the parts are then shuffled so they are not class-sorted.
 * @see https://github.com/tensorflow/tfjs/issues/5976
 */
export function splitIndices(ds: Dataset, options: SplitOptions): SplitIndices {
  const fractions = normalizedFractions(options.fractions);
  const { rng } = options;
  if (!options.stratify) {
    const order = permutation(ds.length, rng);
    const counts = apportion(ds.length, fractions, fractions);
    return partsOf([order.subarray(0, counts[0]), order.subarray(counts[0], counts[0] + counts[1]), order.subarray(counts[0] + counts[1])]);
  }
  assertClassification(ds, 'splitIndices with stratify');
  const groups: number[][] = Array.from({ length: ds.classes }, () => []);
  labels(ds).forEach((label, row) => groups[label].push(row));
  const parts: number[][] = [[], [], []];
  for (const group of groups) {
    shuffleInPlace(rng, group);
    // Ties in the per-class rounding go to the part furthest below its overall target, so totals stay close to n·f.
    const deficits = fractions.map((f, p) => ds.length * f - parts[p].length);
    const counts = apportion(group.length, fractions, deficits);
    let start = 0;
    counts.forEach((count, p) => {
      parts[p].push(...group.slice(start, start + count));
      start += count;
    });
  }
  return partsOf(parts.map((part) => shuffleInPlace(rng, Int32Array.from(part))));
}

/**
 * Splits `ds` into train / validation / test datasets (see `splitIndices` for the rules).
 * Fit scalers on `train` only, then apply them to every part, so no statistic leaks from held-out rows.
 * A validation set from a separate file needs no option: load it as its own Dataset.
 */
export function splitDataset(ds: Dataset, options: SplitOptions): Split {
  const indices = splitIndices(ds, options);
  return {
    train: subset(ds, indices.train, `${ds.name}/train`),
    validation: subset(ds, indices.validation, `${ds.name}/validation`),
    test: subset(ds, indices.test, `${ds.name}/test`),
    indices,
  };
}

function normalizedFractions(f: SplitFractions): number[] {
  const values = [f.train, f.validation ?? 0, f.test ?? 0];
  const total = values.reduce((a, b) => a + b, 0);
  if (values.some((v) => !Number.isFinite(v) || v < 0) || Math.abs(total - 1) > 1e-6) {
    throw new RangeError(`split: fractions must be ≥ 0 and sum to 1, got ${PARTS.map((p, i) => `${p} ${values[i]}`).join(', ')}`);
  }
  return values.map((v) => v / total);
}

/** Largest-remainder apportionment of n rows to parts; ties go to the larger `priority`, then the earlier part. */
function apportion(n: number, fractions: readonly number[], priority: readonly number[]): number[] {
  const ideal = fractions.map((f) => n * f);
  const counts = ideal.map((v) => Math.floor(v));
  // Rounded so float noise (0.7·n vs 0.3·n) does not break genuine ties.
  const remainder = (p: number): number => Math.round((ideal[p] - counts[p]) * 1e9);
  const order = [0, 1, 2]
    .filter((p) => fractions[p] > 0)
    .sort((a, b) => remainder(b) - remainder(a) || priority[b] - priority[a] || a - b);
  let left = n - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % order.length, left--) counts[order[i]]++;
  return counts;
}

function partsOf([train, validation, test]: readonly ArrayLike<number>[]): SplitIndices {
  return { train: Int32Array.from(train), validation: Int32Array.from(validation), test: Int32Array.from(test) };
}
