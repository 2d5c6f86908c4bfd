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
  /** A binary classifier (one output unit) predicts class 1 when p₁ > threshold; absent means 0.5. */
  readonly threshold?: number;
  /** The CSV column of per-row loss weights the model was trained with (not a feature). */
  readonly weightColumn?: string;
}

/** The metadata key holding DataInfo JSON in a model file. */
export const DATA_INFO_KEY = 'dataset';

/** The DataInfo of a dataset (copies of its name lists), with the run's decision threshold and weight column when set. */
export function dataInfoOf(ds: Dataset, extra: { readonly threshold?: number | undefined; readonly weightColumn?: string | undefined } = {}): DataInfo {
  return {
    task: ds.task, featureNames: [...ds.featureNames], targetNames: [...ds.targetNames], classLabels: [...ds.classLabels],
    ...(extra.threshold === undefined ? {} : { threshold: extra.threshold }),
    ...(extra.weightColumn === undefined ? {} : { weightColumn: extra.weightColumn }),
  };
}
