import { dataset, type Dataset } from './dataset.ts';
import { gatherRowsKernel } from './kernels/gather.kernel.ts';

/**
 * A new dataset of the rows `indices` of `ds`, in that order (rows may repeat). Metadata is kept.
 * Shapes: ds [length, ·], indices [m] → [m, ·]. Throws RangeError on an index outside 0…length−1.
 */
export function subset(ds: Dataset, indices: ArrayLike<number>, name: string = ds.name): Dataset {
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i];
    if (!Number.isInteger(index) || index < 0 || index >= ds.length) {
      throw new RangeError(`subset: index ${index} at position ${i} is outside 0…${ds.length - 1} of ${ds.name}`);
    }
  }
  const x = new Float32Array(indices.length * ds.features);
  const y = new Float32Array(indices.length * ds.targets);
  gatherRowsKernel(ds.x, ds.features, indices, 0, indices.length, x);
  gatherRowsKernel(ds.y, ds.targets, indices, 0, indices.length, y);
  const weights = ds.weights === undefined ? undefined : new Float32Array(indices.length);
  if (ds.weights !== undefined && weights !== undefined) gatherRowsKernel(ds.weights, 1, indices, 0, indices.length, weights);
  return withArrays(ds, x, y, { name, weights });
}

/** A dataset with the metadata of `ds` and new arrays (re-validated); the weights of `ds` unless others are given. */
export function withArrays(ds: Dataset, x: Float32Array, y: Float32Array, options: { readonly name?: string; readonly weights?: Float32Array | undefined } = {}): Dataset {
  const name = options.name ?? ds.name;
  const weights = 'weights' in options ? options.weights : ds.weights;
  return dataset({
    name,
    task: ds.task,
    x,
    y,
    features: ds.features,
    targets: ds.targets,
    ...(ds.task === 'classification' ? { classes: ds.classes } : {}),
    ...(weights === undefined ? {} : { weights }),
    featureNames: ds.featureNames,
    targetNames: ds.targetNames,
    classLabels: ds.task === 'classification' ? ds.classLabels : undefined,
  });
}
