import { ACTIVATION_NAMES, sequential, type ActivationName, type ActivationSpec, type LayerSpec, type ModelSpec } from '@clearprop/nn';
import { createRng, fromData } from '@clearprop/tensor';
import type { SavedModel } from '../files/model-file.ts';

/** The kinds of model every exporter is checked on. `binarySigmoid` is one sigmoid output read as P(positive). */
export type ExportTask = 'regression' | 'binary' | 'binarySigmoid' | 'multiclass';

/** One model to export in the exporters' test table: a name fit for a file name, and the model. */
export interface ExportCase {
  readonly name: string;
  readonly activation: ActivationName;
  readonly task: ExportTask;
  readonly saved: SavedModel;
}

const spec = (name: ActivationName): ActivationSpec => (name === 'leakyRelu' ? { name, alpha: 0.3 } : name);

// Softmax is only allowed on the output layer, so where it is the activation under test the hidden layers use tanh.
const hidden = (name: ActivationName, units: number): LayerSpec => ({ units, activation: name === 'softmax' ? 'tanh' : spec(name) });

const architectures: Record<ExportTask, (name: ActivationName) => readonly LayerSpec[]> = {
  // The activation on every layer, so each ONNX op is also checked as the graph's output.
  regression: (name) => [hidden(name, 5), hidden(name, 4), { units: 2, activation: spec(name) }],
  binary: (name) => [hidden(name, 5), { units: 2, activation: 'softmax' }],
  binarySigmoid: (name) => [hidden(name, 5), { units: 1, activation: 'sigmoid' }],
  multiclass: (name) => [hidden(name, 6), hidden(name, 4), { units: 3, activation: 'softmax' }],
};

const FEATURES = ['sepal length', 'width "cm"', 'x\\3'];

// DataInfo as `clearprop train` stores it, with awkward names (quotes, backslashes) so generated code must escape them.
const dataInfo: Record<ExportTask, object> = {
  regression: { task: 'regression', featureNames: FEATURES, targetNames: ['price', 'size'], classLabels: [] },
  binary: { task: 'classification', featureNames: FEATURES, targetNames: ['label'], classLabels: ['no', 'yes'] },
  binarySigmoid: { task: 'classification', featureNames: FEATURES, targetNames: ['label'], classLabels: ['ham', 'spam'] },
  multiclass: { task: 'classification', featureNames: FEATURES, targetNames: ['label'], classLabels: ['setosa', "it's", 'vir\\ginica'] },
};

// The three normalization paths: standardize (with a constant feature, std 0), minMax, and none.
const normalization: Record<ExportTask, SavedModel['normalization']> = {
  regression: { kind: 'standardize', mean: [5.8, -1.25, 0.1], std: [0.83, 0, 2.5] },
  binary: { kind: 'minMax', min: [4.3, -3, 1], max: [7.9, 2.2, 6.9] },
  binarySigmoid: undefined,
  multiclass: { kind: 'standardize', mean: [0.3, 0.2, -0.4], std: [1.7, 0.9, 1.1] },
};

/**
 * A saved model with the given architecture and seeded random float32 parameters: weights, biases and PReLU slopes
 * all drawn from N(0, 0.8²), so no slope or bias sits at its initial value.
 */
export function randomSavedModel(modelSpec: ModelSpec, seed: number, metadata: Omit<SavedModel, 'spec' | 'params'> = {}): SavedModel {
  const model = sequential(modelSpec);
  const rng = createRng(seed);
  const draw = (n: number) => Float32Array.from({ length: n }, () => 0.8 * rng.normal());
  const params = modelSpec.layers.map((layer, l) => {
    const [inFeatures, outFeatures] = [model.widths[l], layer.units];
    const weight = fromData(draw(outFeatures * inFeatures), [outFeatures, inFeatures]);
    const bias = fromData(draw(outFeatures), [outFeatures]);
    return model.activations[l].learnsAlpha ? { weight, bias, alpha: fromData(draw(outFeatures), [outFeatures]) } : { weight, bias };
  });
  return { spec: modelSpec, params, ...metadata };
}

/** Every activation × every export task: the models the ONNX and module exporters are checked on. */
export function exportCases(): ExportCase[] {
  const tasks: readonly ExportTask[] = ['regression', 'binary', 'binarySigmoid', 'multiclass'];
  return ACTIVATION_NAMES.flatMap((activation, a) => tasks.map((task, t): ExportCase => {
    const scaler = normalization[task];
    const saved = randomSavedModel({ inputs: FEATURES.length, layers: architectures[task](activation) }, 100 * a + t + 1, {
      ...(scaler !== undefined && { normalization: scaler }),
      trainingConfig: { seed: 100 * a + t + 1, note: 'random weights for the export tests' },
      extra: { dataset: JSON.stringify(dataInfo[task]) },
    });
    return { name: `${activation}-${task}`, activation, task, saved };
  }));
}

/**
 * Rows of features for the export checks: `rows` rows of 3 values spread over ±6 (past the training ranges, so
 * sigmoid and tanh saturate somewhere), seeded.
 */
export function exportRows(rows: number, seed = 7): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: rows }, () => FEATURES.map(() => Math.round(12000 * (rng.next() - 0.5)) / 1000));
}
