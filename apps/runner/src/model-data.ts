import { applyScaler, binaryTargets, excerptList, type Dataset, type Task } from '@clearprop/data';
import { loadCsv } from '@clearprop/data/node';
import { activationRecord } from '@clearprop/nn';
import { plural, readNormalization, type DataInfo, type SavedModel } from '@clearprop/training';
import { InputError } from './exit-codes.ts';

/** How to read a CSV for a model: overrides for files without DataInfo. */
export interface ModelCsvOptions {
  /** Target column(s). @defaultValue the model's training targets, else 'label' */
  readonly target?: string | readonly string[];
  /** Never read the target columns, present or not (predict). @defaultValue false */
  readonly ignoreTargets?: boolean;
  /** The model's file: a bad normalization in it is named by it, not by the CSV. @defaultValue 'the model' */
  readonly modelPath?: string;
}

// For files without DataInfo (PyTorch, NumPy): an output layer whose rows are class probabilities is a classifier.
const guessTask = (model: SavedModel): Task => {
  const a = model.spec.layers[model.spec.layers.length - 1].activation;
  return activationRecord(typeof a === 'string' ? a : a.name)?.traits.classProbabilities ? 'classification' : 'regression';
};

/**
 * Reads a CSV (streaming) the way the model's training data was read: same target column(s), task and class
 * labels, features checked against the training feature names, then scaled with the model's saved normalization.
 * Throws DataError (bad CSV), ModelFileError (bad normalization) or InputError (columns that do not match the model).
 */
export function loadCsvForModel(path: string, model: SavedModel, info: DataInfo | undefined, options: ModelCsvOptions = {}): { readonly data: Dataset } {
  const task: Task = info?.task ?? guessTask(model);
  const target = options.target ?? (info ? (task === 'classification' ? info.targetNames[0] : info.targetNames) : 'label');
  const targets = typeof target === 'string' ? [target] : [...target];
  const classLabels = task === 'classification' && info && info.classLabels.length > 0 ? info.classLabels : undefined;
  // Without labels to count, a file read for predict still has the model's classes.
  const classes = classLabels?.length ?? (task === 'classification' && options.ignoreTargets ? Math.max(outputsOf(model), 2) : undefined);
  const data = loadCsv(path, {
    target: targets, task, ignoreTargets: options.ignoreTargets ?? false,
    ...(classes === undefined ? {} : { classes }), ...(classLabels ? { classLabels } : {}),
    // The training weight column is not a feature; eval weighs rows by it when the file has it.
    ...(info?.weightColumn === undefined ? {} : { weightColumn: info.weightColumn, weightColumnOptional: true }),
  });
  // A single output unit classifies two classes from one 0/1 column.
  const shaped = task === 'classification' && outputsOf(model) === 1 && data.targets !== 1 ? binaryTargets(data) : data;
  checkFeatures(path, shaped, model, info);
  const scaler = readNormalization(model.normalization, model.spec, options.modelPath ?? 'the model');
  return { data: scaler ? applyScaler(scaler, shaped) : shaped };
}

const outputsOf = (model: SavedModel): number => model.spec.layers[model.spec.layers.length - 1].units;

function checkFeatures(path: string, data: Dataset, model: SavedModel, info: DataInfo | undefined): void {
  if (info && info.featureNames.join(',') !== data.featureNames.join(',')) {
    throw new InputError(`${path}: feature columns [${excerptList(data.featureNames)}] differ from the model's training columns [${excerptList(info.featureNames)}]`);
  }
  if (data.features !== model.spec.inputs) {
    throw new InputError(`${path}: ${plural(data.features, 'feature column')}, the model takes ${plural(model.spec.inputs, 'input')}`);
  }
}
