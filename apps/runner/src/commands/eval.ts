import { resolve } from 'node:path';
import { resolveLoss, sequential, type LossName } from '@clearprop/nn';
import { tsKernels } from '@clearprop/tensor';
import { evaluate, plural } from '@clearprop/training';
import { EXIT, InputError, type ExitCode } from '../exit-codes.ts';
import { formatMetrics } from '../format.ts';
import type { CliIo } from '../io.ts';
import { readDataInfo } from '@clearprop/training';
import { loadCsvForModel } from '../model-data.ts';
import { readModelFile } from '../model-file.ts';

/** Flags of `clearprop eval`. */
export interface EvalFlags {
  readonly model: string;
  readonly data: string;
  readonly target?: string[];
  readonly spec?: string;
  readonly json?: boolean;
}

/** The loss a model was trained with (from its stored config), else the usual one for its task. */
export function lossForModel(trainingConfig: Readonly<Record<string, unknown>> | undefined, task: 'regression' | 'classification'): LossName {
  const stored = trainingConfig?.loss;
  if (typeof stored === 'string') return stored as LossName;
  return task === 'classification' ? 'softmaxCrossEntropy' : 'meanSquaredError';
}

/**
 * `clearprop eval`: loss, accuracy, precision/recall/F1, ROC-AUC, log-loss and per-class numbers (classification,
 * at the model's stored threshold for one output) or MSE and R² (regression) of a model on a CSV; a weighted loss
 * (with the unweighted beside it) when the model was trained with a sample-weight column and the CSV has it.
 */
export async function evalCommand(flags: EvalFlags, io: CliIo): Promise<ExitCode> {
  const modelPath = resolve(io.cwd, flags.model);
  const saved = await readModelFile(modelPath, flags.spec && resolve(io.cwd, flags.spec));
  const info = readDataInfo(saved, modelPath);
  const dataPath = resolve(io.cwd, flags.data);
  const { data } = loadCsvForModel(dataPath, saved, info, { modelPath, ...(flags.target ? { target: flags.target } : {}) });
  const model = sequential(saved.spec);
  if (data.targets !== model.outputs) throw new InputError(`${dataPath}: ${plural(data.targets, 'target column')} (one-hot classes), the model has ${plural(model.outputs, 'output')}`);
  const loss = resolveLoss(lossForModel(saved.trainingConfig, data.task));
  const { metrics } = evaluate(model, saved.params, loss, data, tsKernels, info?.threshold === undefined ? {} : { threshold: info.threshold });
  // Classification keys: accuracy, then precision/recall/f1/auc (macro), logLoss, perClass; regression: mse, r2.
  if (flags.json) io.stdout.write(JSON.stringify({ model: modelPath, data: dataPath, rows: data.length, task: data.task, ...(info?.threshold === undefined ? {} : { threshold: info.threshold }), ...metrics }) + '\n');
  else io.stdout.write(`${data.task} on ${plural(data.length, 'row')} of ${flags.data}: ${formatMetrics(metrics)}\n`);
  return EXIT.ok;
}
