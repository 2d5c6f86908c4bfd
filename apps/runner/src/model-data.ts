import { readFileSync } from 'node:fs';
import { applyScaler, DataError, parseCsv, type Dataset, type Scaler, type Task } from '@clearprop/data';
import { plural, type SavedModel } from '@clearprop/training';
import { InputError } from './exit-codes.ts';

/** How a model's training data looked: saved as `dataset` metadata so eval/predict read new CSVs the same way. */
export interface DataInfo {
  readonly task: Task;
  readonly featureNames: readonly string[];
  readonly targetNames: readonly string[];
  readonly classLabels: readonly string[];
}

/** The metadata key holding DataInfo JSON in a model file. */
export const DATA_INFO_KEY = 'dataset';

/** DataInfo of a dataset. */
export function dataInfoOf(ds: Dataset): DataInfo {
  return { task: ds.task, featureNames: ds.featureNames, targetNames: ds.targetNames, classLabels: ds.classLabels };
}

/** DataInfo stored in a model file, or undefined for files written elsewhere (PyTorch, NumPy). */
export function readDataInfo(model: SavedModel, source: string): DataInfo | undefined {
  const text = model.extra?.[DATA_INFO_KEY];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as DataInfo;
  } catch {
    throw new InputError(`${source}: metadata "${DATA_INFO_KEY}" is not valid JSON`);
  }
}

/** How to read a CSV for a model: overrides for files without DataInfo. */
export interface ModelCsvOptions {
  /** Target column(s). @defaultValue the model's training targets, else 'label' */
  readonly target?: string | readonly string[];
  /** Accept a CSV without target columns (predict). @defaultValue false */
  readonly targetOptional?: boolean;
}

const lastActivation = (model: SavedModel): string => {
  const a = model.spec.layers[model.spec.layers.length - 1].activation;
  return typeof a === 'string' ? a : a.name;
};

/**
 * Reads a CSV the way the model's training data was read: same target column(s), task and class labels, features
 * checked against the training feature names, then scaled with the model's saved normalization.
 * Throws DataError (bad CSV) or InputError (columns that do not match the model).
 */
export function loadCsvForModel(path: string, model: SavedModel, info: DataInfo | undefined, options: ModelCsvOptions = {}): { readonly data: Dataset; readonly hasTargets: boolean } {
  const task: Task = info?.task ?? (lastActivation(model) === 'softmax' ? 'classification' : 'regression');
  const target = options.target ?? (info ? (task === 'classification' ? info.targetNames[0] : info.targetNames) : 'label');
  const targets = typeof target === 'string' ? [target] : [...target];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataError({ file: path }, `cannot read file: ${(error as Error).message}`);
  }
  const header = (text.split(/\r?\n/, 1)[0] ?? '').split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  const hasTargets = targets.every((t) => header.includes(t));
  const classLabels = task === 'classification' && info && info.classLabels.length > 0 ? info.classLabels : undefined;
  const data = parseCsv(text, { source: path, target: targets, task, targetsOptional: options.targetOptional ?? false, ...(classLabels ? { classes: classLabels.length, classLabels } : {}) });
  checkFeatures(path, data, model, info);
  const scaled = model.normalization ? applyScaler(model.normalization as unknown as Scaler, data) : data;
  return { data: scaled, hasTargets };
}

function checkFeatures(path: string, data: Dataset, model: SavedModel, info: DataInfo | undefined): void {
  if (info && info.featureNames.join(',') !== data.featureNames.join(',')) {
    throw new InputError(`${path}: feature columns [${data.featureNames.join(', ')}] differ from the model's training columns [${info.featureNames.join(', ')}]`);
  }
  if (data.features !== model.spec.inputs) {
    throw new InputError(`${path}: ${plural(data.features, 'feature column')}, the model takes ${plural(model.spec.inputs, 'input')}`);
  }
}
