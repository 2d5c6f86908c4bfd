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
  return withArrays(ds, x, y, name);
}

/** A dataset with the metadata of `ds` and new arrays (re-validated). */
export function withArrays(ds: Dataset, x: Float32Array, y: Float32Array, name: string = ds.name): Dataset {
  return dataset({
    name,
    task: ds.task,
    x,
    y,
    features: ds.features,
    targets: ds.targets,
    featureNames: ds.featureNames,
    targetNames: ds.targetNames,
    classLabels: ds.task === 'classification' ? ds.classLabels : undefined,
  });
}
