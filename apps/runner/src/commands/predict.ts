import { resolve } from 'node:path';
import { predict, resolveActivation, resolveLoss, sequential, type Model } from '@clearprop/nn';
import { fromData, type FloatArray } from '@clearprop/tensor';
import { defaultKernels } from '@clearprop/training';
import { lossForModel } from './eval.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { kernelsFor } from '../kernels.ts';
import type { CliIo } from '../io.ts';
import { readDataInfo } from '@clearprop/training';
import { loadCsvForModel } from '../model-data.ts';
import { readModelFile } from '../model-file.ts';
import { predictionsCsv } from '../predictions-csv.ts';
import { writeOutput } from '../write-output.ts';

/** Flags of `clearprop predict`. */
export interface PredictFlags {
  readonly model: string;
  readonly data: string;
  /** CSV output file; stdout when absent, `-` or `/dev/stdout`. */
  readonly out?: string;
  readonly spec?: string;
  /** Matrix kernels: 'ts' (the reference) or 'wasm' (SIMD). @defaultValue the fastest available */
  readonly kernels?: 'ts' | 'wasm';
}

const STDOUT = new Set(['-', '/dev/stdout']);

/**
 * The class probabilities of a classifier's outputs [rows, k]: the outputs themselves, unless the model's stored
 * config says it was trained with a loss that applies its activation to logits (…FromLogits, softmaxCrossEntropy)
 * on an output layer without it; then σ (one output) or the row softmax of the logits.
 */
function probabilities(model: Model, trainingConfig: Readonly<Record<string, unknown>> | undefined, outputs: FloatArray): FloatArray {
  if (typeof trainingConfig?.loss !== 'string') return outputs; // no record of the loss: the outputs are all there is
  const applied = resolveLoss(lossForModel(trainingConfig, 'classification')).fromLogitsOf;
  if (applied === undefined || model.activations[model.activations.length - 1].name === applied) return outputs;
  const k = model.outputs;
  const rows = outputs.length / k;
  const into = new Float32Array(outputs.length);
  resolveActivation(applied).forward(outputs, into, rows, k);
  return into;
}

/** `clearprop predict`: model outputs for each row of a CSV (target columns, if present, are ignored). */
export async function predictCommand(flags: PredictFlags, io: CliIo): Promise<ExitCode> {
  const modelPath = resolve(io.cwd, flags.model);
  const saved = await readModelFile(modelPath, flags.spec && resolve(io.cwd, flags.spec));
  const info = readDataInfo(saved, modelPath);
  const { data } = loadCsvForModel(resolve(io.cwd, flags.data), saved, info, { ignoreTargets: true, modelPath });
  const model = sequential(saved.spec);
  const out = predict(model, saved.params, fromData(data.x, [data.length, data.features]), { kernels: kernelsFor(flags.kernels) ?? defaultKernels() });
  const task = info?.task ?? data.task;
  const outputs = task === 'classification' ? probabilities(model, saved.trainingConfig, out.data) : out.data;
  const csv = predictionsCsv(outputs, data.length, {
    task, targetNames: info?.targetNames ?? data.targetNames, classLabels: info?.classLabels ?? data.classLabels,
    ...(info?.threshold === undefined ? {} : { threshold: info.threshold }),
  });
  // The process's stdout is written as a stream: opening /dev/stdout fails when it is a socket (ENXIO).
  if (flags.out && !STDOUT.has(flags.out)) {
    const path = resolve(io.cwd, flags.out);
    await writeOutput(path, new TextEncoder().encode(csv));
    io.stderr.write(`wrote ${data.length} predictions to ${path}\n`);
  } else io.stdout.write(csv);
  return EXIT.ok;
}
