import { ShapeError } from '@clearprop/tensor';
import { dataset, type Dataset, type DatasetMeta } from './dataset.ts';

/**
 * Encodes integer class labels as one-hot rows. Shapes: labels [n] → [n, classes].
 * out[i·classes + labels[i]] = 1, everything else 0. Throws RangeError on a label outside 0…classes−1.
 */
export function oneHot(labels: ArrayLike<number>, classes: number): Float32Array {
  const out = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new RangeError(`oneHot: label ${label} at index ${i} is not an integer in 0…${classes - 1}`);
    }
    out[i * classes + label] = 1;
  }
  return out;
}

/**
 * The class index of every row of a classification dataset: argmax of its one-hot Y, or the 0/1 label of a binary
 * one-column Y. Shapes: [length].
 */
export function labels(ds: Dataset): Int32Array {
  assertClassification(ds, 'labels');
  const out = new Int32Array(ds.length);
  if (ds.targets === 1) {
    for (let i = 0; i < ds.length; i++) out[i] = ds.y[i] > 0.5 ? 1 : 0;
    return out;
  }
  for (let i = 0; i < ds.length; i++) {
    let best = 0;
    for (let k = 1; k < ds.classes; k++) if (ds.y[i * ds.classes + k] > ds.y[i * ds.classes + best]) best = k;
    out[i] = best;
  }
  return out;
}

/** How many rows belong to each class. Shapes: [classes]. */
export function classCounts(ds: Dataset): number[] {
  const counts = new Array<number>(ds.classes).fill(0);
  for (const label of labels(ds)) counts[label]++;
  return counts;
}

/** Options for `fromLabels`. */
export interface FromLabelsOptions extends Omit<DatasetMeta, 'task'> {
  /** @defaultValue max label + 1 */
  readonly classes?: number;
}

/**
 * Builds a classification Dataset from flat features [n, features] and integer labels [n] (one-hot encoded).
 * Throws ShapeError if x does not hold n rows of `features`.
 */
export function fromLabels(
  x: ArrayLike<number>,
  classIndices: ArrayLike<number>,
  options: FromLabelsOptions & { readonly features: number },
): Dataset {
  const n = classIndices.length;
  if (x.length !== n * options.features) {
    throw new ShapeError(`fromLabels: ${x.length} feature values for ${n} labels of ${options.features} features`, [x.length], [n]);
  }
  let max = -1;
  for (let i = 0; i < n; i++) max = Math.max(max, classIndices[i]);
  const classes = options.classes ?? max + 1;
  return dataset({ ...options, task: 'classification', x, y: oneHot(classIndices, classes), targets: classes });
}

/**
 * A two-class dataset with one-hot Y [n, 2] as binary labels in one column, Y [n, 1] = 1 for class 1 (what a
 * single sigmoid unit is trained against). Features, weights and class labels are kept; a one-column binary
 * dataset is returned as is. Throws RangeError naming the dataset when it does not have exactly two classes.
 */
export function binaryTargets(ds: Dataset): Dataset {
  assertClassification(ds, 'binaryTargets');
  if (ds.targets === 1 && ds.classes === 2) return ds;
  if (ds.classes !== 2) {
    throw new RangeError(`${ds.name}: one output unit classifies two classes (labels 0 and 1), but the data has ${ds.classes} class${ds.classes === 1 ? '' : 'es'}`);
  }
  const y = new Float32Array(ds.length);
  for (let i = 0; i < ds.length; i++) y[i] = ds.y[i * 2 + 1];
  return dataset({
    name: ds.name, task: 'classification', x: ds.x, y, features: ds.features, targets: 1, classes: 2,
    featureNames: ds.featureNames, targetNames: ds.targetNames, classLabels: ds.classLabels, ...(ds.weights ? { weights: ds.weights } : {}),
  });
}

/** Throws RangeError unless `ds` is a classification dataset; `what` names the caller. */
export function assertClassification(ds: Dataset, what: string): void {
  if (ds.task !== 'classification') throw new RangeError(`${what}: ${ds.name} is a ${ds.task} dataset, not classification`);
}
