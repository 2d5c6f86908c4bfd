// A consumer of the public API, type-checked against the published .d.ts (see README.md beside this file).
import { lastValueFrom, Subject, toArray } from 'rxjs';
import { parseCsv, xor } from '@clearprop/data';
import { loadCsv } from '@clearprop/data/node';
import { sequential, predict, type ModelSpec } from '@clearprop/nn';
import { createRng, fromRows, type Tensor } from '@clearprop/tensor';
import { createWasmKernels } from '@clearprop/tensor/node';
import {
  buildExperiment, decodeSafetensors, encodeSafetensors, modelFromSafetensors, modelToSafetensors, ofType, paramsOf, presetConfig, train,
  type ControlCommand, type SavedModel, type TrainingEvent, type TrainSpec,
} from '@clearprop/training';
import { csvFiles, loadCheckpoint, loadConfigFile, loadModel, saveModel } from '@clearprop/training/node';
import { PRESET_NAMES } from '@clearprop/training/presets';

const model: ModelSpec = { inputs: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 2, activation: 'softmax' }] };
const spec: TrainSpec = { model, loss: 'softmaxCrossEntropy', optimizer: { name: 'adam', lr: 0.05 }, train: xor(), epochs: 50, batchSize: 4, seed: 1 };

// control$: steer a run from outside.
const control$ = new Subject<ControlCommand>();
const events: TrainingEvent[] = await lastValueFrom(train(spec, { control$, kernels: createWasmKernels({ threads: 1 }) }).pipe(toArray()));
control$.next({ type: 'setLearningRate', lr: 0.01 });
const last = events[events.length - 1]; // TrainingEvent | undefined under noUncheckedIndexedAccess
const end = last?.type === 'runEnd' ? last : undefined;
const params = end === undefined ? undefined : paramsOf(end);
const losses: number[] = [];
train(spec).pipe(ofType('epochEnd')).subscribe((e) => losses.push(e.trainLoss));

// Model files: bytes in the root entry, files in /node.
if (params !== undefined) {
  const saved: SavedModel = { spec: model, params };
  const bytes: Uint8Array = modelToSafetensors(saved);
  const back: SavedModel = modelFromSafetensors(bytes);
  const tensors = decodeSafetensors(encodeSafetensors({ 'layers.0.weight': params[0]?.weight ?? fromRows([[1]]) })).tensors;
  console.log(Object.keys(tensors));
  await saveModel('xor.safetensors', back);
  const loaded = await loadModel('xor.safetensors');
  const x: Tensor = fromRows([[0, 1]]);
  const y: Tensor = predict(sequential(loaded.spec), loaded.params, x);
  const first: number | undefined = y.data[0];
  console.log(first);
}

// Experiments and data files.
const fromFile = buildExperiment(await loadConfigFile('experiment.yaml'), { readCsv: csvFiles('.') });
const preset = buildExperiment(presetConfig(PRESET_NAMES[0] ?? 'sin'));
const csv = parseCsv('a,label\n1,0\n', { target: 'label' });
const disk = loadCsv('data.csv', { target: 'label' });
const checkpoint = await loadCheckpoint('run.safetensors');
console.log(fromFile.name, preset.spec.epochs, csv.length, disk.features, checkpoint.epoch, createRng(1).next());
