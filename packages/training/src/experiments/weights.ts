import { balancedClassWeights, binaryTargets, excerpt, excerptList, withClassWeights, type Dataset } from '@clearprop/data';
import { ConfigError } from './schema.ts';
import type { DataConfig } from './types.ts';

/** The three parts of an experiment's data. */
export interface Splits {
  readonly train: Dataset;
  readonly validation: Dataset;
  readonly test: Dataset;
}

const each = (splits: Splits, f: (ds: Dataset) => Dataset): Splits => ({ train: f(splits.train), validation: f(splits.validation), test: f(splits.test) });

/**
 * The class weights of `data.classWeight`, one per class of `train`: scikit-learn's balanced weights from the
 * training rows, or the weights the config gives per class label (unlisted labels weigh 1). Throws ConfigError
 * naming `data.classWeight.<label>` for a label the data does not have.
 */
export function classWeightsOf(classWeight: NonNullable<DataConfig['classWeight']>, train: Dataset, source: string): number[] {
  if (classWeight === 'balanced') return balancedClassWeights(train);
  const labels = train.classLabels;
  for (const label of Object.keys(classWeight)) {
    if (!labels.includes(label)) throw new ConfigError(source, `data.classWeight.${excerpt(label, 40)}`, `no class "${excerpt(label, 40)}" in the data; its class labels are ${excerptList(labels)}`);
  }
  return labels.map((label) => (Object.hasOwn(classWeight, label) ? classWeight[label] : 1));
}

/** Every split with its rows weighted by class (weights from the training part), when the config asks for it. */
export function withConfigClassWeights(splits: Splits, data: DataConfig, source: string): Splits {
  if (data.classWeight === undefined) return splits;
  const perClass = classWeightsOf(data.classWeight, splits.train, source);
  return each(splits, (ds) => (ds.length > 0 ? withClassWeights(ds, perClass) : ds));
}

/**
 * Every split as binary labels in one column, for a model with a single output unit on a classification task.
 * Throws ConfigError naming the output layer's `units` when the data does not have exactly two classes.
 */
export function asBinary(splits: Splits, source: string, outputLayer: number): Splits {
  try {
    return each(splits, binaryTargets);
  } catch (error) {
    throw new ConfigError(source, `model.layers[${outputLayer}].units`, (error as Error).message);
  }
}
