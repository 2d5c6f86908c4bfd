import { fromData } from '@clearprop/tensor';
import type { Batch, Dataset, Example } from './dataset.ts';

/** Yields every row of `ds` in order as an Example of views (no copies). Shapes: x [features], y [targets]. */
export function* examples(ds: Dataset): Generator<Example> {
  for (let i = 0; i < ds.length; i++) {
    yield {
      x: ds.x.subarray(i * ds.features, (i + 1) * ds.features),
      y: ds.y.subarray(i * ds.targets, (i + 1) * ds.targets),
    };
  }
}

/**
 * Stacks examples into a newly allocated Batch. Shapes: m × (x [features], y [targets]) → x [m, features], y [m, targets].
 * Throws RangeError on an empty list (the column counts would be unknown) or rows of differing widths.
 */
export function collate(items: readonly Example[]): Batch {
  if (items.length === 0) throw new RangeError('collate: cannot stack an empty list of examples');
  const features = items[0].x.length;
  const targets = items[0].y.length;
  const x = new Float32Array(items.length * features);
  const y = new Float32Array(items.length * targets);
  items.forEach((item, i) => {
    if (item.x.length !== features || item.y.length !== targets) {
      throw new RangeError(`collate: example ${i} has ${item.x.length}/${item.y.length} values, example 0 has ${features}/${targets}`);
    }
    x.set(item.x, i * features);
    y.set(item.y, i * targets);
  });
  return { x: fromData(x, [items.length, features]), y: fromData(y, [items.length, targets]) };
}
