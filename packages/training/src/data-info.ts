import type { Dataset, Task } from '@clearprop/data';

/**
 * How a model's training data looked: task, column names and class labels. Carried in `runStart.config` and saved
 * as the model file's `dataset` metadata, so `eval` and `predict` read new CSVs the same way and name the classes.
 */
export interface DataInfo {
  readonly task: Task;
  readonly featureNames: readonly string[];
  readonly targetNames: readonly string[];
  readonly classLabels: readonly string[];
}

/** The metadata key holding DataInfo JSON in a model file. */
export const DATA_INFO_KEY = 'dataset';

/** The DataInfo of a dataset (copies of its name lists). */
export function dataInfoOf(ds: Dataset): DataInfo {
  return { task: ds.task, featureNames: [...ds.featureNames], targetNames: [...ds.targetNames], classLabels: [...ds.classLabels] };
}
