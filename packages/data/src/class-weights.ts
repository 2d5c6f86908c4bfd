import type { Dataset } from './dataset.ts';
import { classCounts, labels } from './labels.ts';
import { withArrays } from './subset.ts';

/**
 * scikit-learn's "balanced" class weights from the rows of `ds`: w_k = n / (K · n_k), n rows, K the classes present,
 * n_k the rows of class k; so every present class carries the same total weight. A class without rows gets 1
 * (no rows to weigh in this set; it may have some in another split). Shapes: [classes].
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.utils.class_weight.compute_class_weight.html
 */
export function balancedClassWeights(ds: Dataset): number[] {
  const counts = classCounts(ds);
  const present = counts.filter((c) => c > 0).length;
  return counts.map((c) => (c > 0 ? ds.length / (present * c) : 1));
}

/**
 * The dataset with each row's weight multiplied by its class's: w′ᵢ = wᵢ · perClass[labelᵢ] (wᵢ = 1 without
 * sample weights). Throws RangeError when `perClass` does not have one finite weight ≥ 0 per class.
 */
export function withClassWeights(ds: Dataset, perClass: readonly number[]): Dataset {
  if (perClass.length !== ds.classes || perClass.some((w) => !Number.isFinite(w) || w < 0)) {
    throw new RangeError(`${ds.name}: class weights [${perClass.join(', ')}] must be ${ds.classes} finite numbers ≥ 0, one per class`);
  }
  const rows = labels(ds);
  const weights = new Float32Array(ds.length);
  for (let i = 0; i < ds.length; i++) weights[i] = (ds.weights === undefined ? 1 : ds.weights[i]) * perClass[rows[i]];
  return withArrays(ds, ds.x, ds.y, { weights });
}
