import { resolveActivation, resolveLoss } from '@clearprop/nn';
import { ConfigError } from './schema.ts';
import type { MonitorMetric } from '../operators/monitor.ts';
import type { ExperimentConfig } from './types.ts';

// Where each optimizer setting is used; anything else given to an optimizer would be silently ignored.
const USED_BY: Readonly<Record<string, readonly string[]>> = {
  momentum: ['sgd'], nesterov: ['sgd'], b1: ['adam', 'adamw'], b2: ['adam', 'adamw'], eps: ['adam', 'adamw'], weightDecay: ['adamw'],
};
const MEANING: Readonly<Record<string, string>> = {
  momentum: 'SGD momentum; Adam’s counterpart is b1', nesterov: 'Nesterov momentum for SGD', b1: 'Adam’s first-moment decay',
  b2: 'Adam’s second-moment decay', eps: 'Adam’s denominator term', weightDecay: 'AdamW’s decoupled weight decay',
};

/**
 * The checks across fields that the schema cannot express, each a ConfigError naming the field: output-only
 * activations on hidden layers, a softmax loss on a regression task, splits that leave nothing to train on,
 * optimizer settings the chosen optimizer ignores, and early-stopping / plateau monitors a run never measures.
 */
export function checkConfig(config: ExperimentConfig, source: string): void {
  const fail = (field: string, detail: string): never => {
    throw new ConfigError(source, field, detail);
  };
  checkLayers(config, fail);
  checkTaskAndSplits(config, fail);
  checkOptimizer(config, fail);
  for (const key of ['earlyStopping', 'reduceLrOnPlateau'] as const) {
    const monitor = config[key]?.monitor;
    if (monitor !== undefined) checkMonitor(config, `${key}.monitor`, monitor, fail);
  }
}

type Fail = (field: string, detail: string) => never;

function checkLayers(config: ExperimentConfig, fail: Fail): void {
  const layers = config.model.layers;
  layers.forEach((layer, i) => {
    const activation = resolveActivation(layer.activation);
    if (activation.traits.outputOnly && i < layers.length - 1) {
      fail(`model.layers[${i}].activation`, `${activation.name} is only supported on the output layer (layer ${layers.length - 1}); hidden layers take e.g. relu or tanh`);
    }
  });
}

/** The task a config's data will have: built-in sets have their own, CSVs take `data.task` or the loss's. */
export function configTask(config: ExperimentConfig): 'regression' | 'classification' {
  if (config.data.builtin !== undefined) return config.data.builtin === 'sin' ? 'regression' : 'classification';
  return config.data.task ?? resolveLoss(config.loss).task;
}

function checkTaskAndSplits(config: ExperimentConfig, fail: Fail): void {
  const loss = resolveLoss(config.loss);
  if (loss.fromLogitsOf === 'softmax' && configTask(config) === 'regression') {
    const field = config.data.task === 'regression' ? 'data.task' : 'loss';
    fail(field, `a regression task does not fit loss "${loss.name}", which compares class probabilities: use "classification", or a regression loss (meanSquaredError, halfSumSquared)`);
  }
  const { data } = config;
  const validation = data.validation === undefined ? data.validationSplit ?? 0 : 0;
  const test = data.test === undefined ? data.testSplit ?? 0 : 0;
  if (validation + test >= 1) {
    fail(data.testSplit === undefined ? 'data.validationSplit' : 'data.testSplit', `validationSplit ${validation} + testSplit ${test} leave no rows to train on; together they must be below 1`);
  }
}

function checkOptimizer(config: ExperimentConfig, fail: Fail): void {
  const optimizer = config.optimizer as unknown as Readonly<Record<string, unknown>> & { readonly name: string };
  for (const [key, users] of Object.entries(USED_BY)) {
    if (optimizer[key] !== undefined && !users.includes(optimizer.name)) {
      fail(`optimizer.${key}`, `"${optimizer.name}" does not use ${key} (${MEANING[key]}); remove it, or use ${users.map((u) => `"${u}"`).join(' or ')}`);
    }
  }
  const momentum = typeof optimizer.momentum === 'number' ? optimizer.momentum : 0;
  if (optimizer.nesterov === true && momentum === 0) fail('optimizer.nesterov', 'Nesterov needs momentum > 0; set optimizer.momentum (e.g. 0.9)');
}

// What evaluate() reports per task, so what a monitor may watch.
const TASK_METRICS = {
  classification: ['loss', 'accuracy', 'precision', 'recall', 'f1', 'auc', 'logLoss'],
  regression: ['loss', 'mse', 'r2'],
} as const satisfies Record<'classification' | 'regression', readonly MonitorMetric[]>;

function checkMonitor(config: ExperimentConfig, field: string, monitor: string, fail: Fail): void {
  const [split, metric] = monitor.split('.');
  const { data } = config;
  if (split === 'validation' && data.validation === undefined && data.fold === undefined && !((data.validationSplit ?? 0) > 0)) {
    fail(field, `"${monitor}" needs a validation set: add data.validation or data.validationSplit, or monitor "train.loss"`);
  }
  if (split === 'train' && metric !== 'loss') fail(field, `only the loss is measured on the training set while training; monitor "train.loss" or "validation.${metric}"`);
  const task = configTask(config);
  const reported: readonly string[] = TASK_METRICS[task];
  if (!reported.includes(metric)) fail(field, `a ${task} run has no ${metric}; it reports ${reported.join(', ')}`);
}
