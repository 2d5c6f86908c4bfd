import type { Task } from '@clearprop/data';
import type { ModelSpec } from '@clearprop/nn';
import type { SavedModel } from '../files/model-file.ts';
import { isPlainObject, parseJson } from '../files/json.ts';
import { ModelFileError } from '../files/model-file-error.ts';
import { DATA_INFO_KEY } from '../data-info.ts';

/** What an exported model's inputs and outputs mean: the task, and names for features, targets and classes. */
export interface ModelOutputs {
  readonly task: Task;
  /** One name per input column: the training CSV's, else `x0`, `x1`, …. */
  readonly featureNames: readonly string[];
  /** Regression: one name per output (the training targets, else `y0`, `y1`, …); classification: empty. */
  readonly targetNames: readonly string[];
  /**
   * Classification: one label per class, in output order; `max(outputs, 2)` of them, so a single sigmoid output has
   * a negative and a positive label. Taken from the file when it has them, else `"0"`, `"1"`, … (as `clearprop
   * predict` names them). Regression: empty.
   */
  readonly classLabels: readonly string[];
  /** A single-output classifier labels class 1 when its probability is above this (the model's `threshold`). */
  readonly threshold: number;
}


const lastActivationName = (spec: ModelSpec): string => {
  const activation = spec.layers[spec.layers.length - 1].activation;
  return typeof activation === 'string' ? activation : activation.name;
};

const names = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

const stringList = (value: unknown): readonly string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;

/**
 * Reads what a saved model's outputs mean from its `dataset` metadata (written by `clearprop train`); for files
 * without it (PyTorch, NumPy) a softmax output means classification, anything else regression.
 * Throws ModelFileError naming `source` when the metadata is not valid JSON or lists the wrong number of names.
 */
export function modelOutputs(saved: SavedModel, source: string): ModelOutputs {
  const { spec } = saved;
  const outputs = spec.layers[spec.layers.length - 1].units;
  const text = saved.extra?.[DATA_INFO_KEY];
  const info = text === undefined ? undefined : parseJson(text, DATA_INFO_KEY, source);
  if (info !== undefined && !isPlainObject(info)) throw new ModelFileError(source, `metadata "${DATA_INFO_KEY}" is not a JSON object`);
  const task: Task = info?.task === 'classification' || info?.task === 'regression' ? info.task : lastActivationName(spec) === 'softmax' ? 'classification' : 'regression';
  const checked = (key: string, expected: number): readonly string[] | undefined => {
    const list = stringList(info?.[key]);
    if (list === undefined || list.length === 0) return undefined;
    if (list.length !== expected) throw new ModelFileError(source, `metadata "${DATA_INFO_KEY}" lists ${list.length} ${key}, the model has ${expected}`);
    return list;
  };
  const featureNames = checked('featureNames', spec.inputs) ?? names('x', spec.inputs);
  const threshold = info?.threshold ?? 0.5;
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold < 1)) throw new ModelFileError(source, `metadata "${DATA_INFO_KEY}".threshold is ${JSON.stringify(threshold)}; it must be a number in (0, 1)`);
  if (task === 'regression') {
    return { task, featureNames, targetNames: checked('targetNames', outputs) ?? names('y', outputs), classLabels: [], threshold };
  }
  return { task, featureNames, targetNames: [], classLabels: checked('classLabels', Math.max(outputs, 2)) ?? names('', Math.max(outputs, 2)), threshold };
}

/** What the output columns hold, in one line (ONNX metadata, generated module comments). */
export function describeOutputs(outputs: ModelOutputs, units: number): string {
  if (outputs.task === 'regression') return `[batch, ${units}]: one column per target (${outputs.targetNames.join(', ')})`;
  const [negative, positive] = outputs.classLabels;
  if (units === 1) return `[batch, 1]: the probability of class "${positive}"; the label is "${positive}" above ${outputs.threshold}, else "${negative}"`;
  return `[batch, ${units}]: one probability per class (${outputs.classLabels.join(', ')}); the label is the largest (the first on ties)`;
}
