import { builtinCsv, loadBreastCancer, loadDigits, loadIris, loadWine, splitIndices, type Dataset } from '@clearprop/data';
import { createRng } from '@clearprop/tensor';
import type { ExperimentConfig } from '../experiments/types.ts';

/**
 * The vendored sets the scikit-learn MLPClassifier comparison runs on (docs/sklearn.md), with their CSV files.
 * Both sides read the same train/test files: the vendored CSV's own lines, split by row index.
 */
export const PARITY_SETS = {
  iris: { file: 'iris.csv', load: loadIris },
  digits: { file: 'digits.csv', load: loadDigits },
  wine: { file: 'wine.csv', load: loadWine },
  breastCancer: { file: 'breast-cancer.csv', load: loadBreastCancer },
} as const satisfies Record<string, { readonly file: 'iris.csv' | 'digits.csv' | 'wine.csv' | 'breast-cancer.csv'; readonly load: () => Dataset }>;

/** A name of PARITY_SETS. */
export type ParitySet = keyof typeof PARITY_SETS;

/** The seed of the one fixed split every comparison run shares (the runs' seeds vary init and shuffling only). */
export const PARITY_SPLIT_SEED = 2024;

/** A parity data set as two CSV texts (header + the vendored file's rows) and what a config needs to know of it. */
export interface ParitySplit {
  readonly train: string;
  readonly test: string;
  readonly trainRows: number;
  readonly testRows: number;
  readonly classes: number;
}

/** The stratified 80/20 split of a vendored set (seed PARITY_SPLIT_SEED), as the lines of its CSV file. */
export function paritySplit(name: ParitySet): ParitySplit {
  const { file, load } = PARITY_SETS[name];
  const data = load();
  const { train, test } = splitIndices(data, { fractions: { train: 0.8, test: 0.2 }, rng: createRng(PARITY_SPLIT_SEED), stratify: true });
  const [header, ...rows] = builtinCsv(file).trim().split('\n');
  const text = (indices: Int32Array) => [header, ...Array.from(indices, (i) => rows[i])].join('\n') + '\n';
  return { train: text(train), test: text(test), trainRows: train.length, testRows: test.length, classes: data.classes };
}

/**
 * The experiment that matches scikit-learn's `MLPClassifier()` defaults on standardized features: one hidden layer
 * of 100 ReLU units with sklearn's init (Glorot-uniform weights and biases: `init` and `biasInit` glorotUniform), a
 * softmax output (one sigmoid unit for two classes, as sklearn's logistic output), cross-entropy, Adam with
 * lr 1e-3, batches of min(200, n), 200 epochs, `regularization.l2` = alpha = 1e-4 on every layer's weights.
 * Unlike sklearn it never stops early (sklearn stops once the training loss improves by < 1e-4 for 10 epochs).
 */
export function mlpClassifierConfig(options: { readonly train: string; readonly test: string; readonly trainRows: number; readonly classes: number; readonly seed: number }): ExperimentConfig {
  const binary = options.classes === 2;
  return {
    name: 'mlp-classifier',
    data: { train: options.train, test: options.test, task: 'classification', standardize: true },
    model: {
      layers: [
        { units: 100, activation: 'relu', init: 'glorotUniform', biasInit: 'glorotUniform' },
        { ...(binary ? { units: 1, activation: 'sigmoid' as const } : { units: options.classes, activation: 'softmax' as const }), init: 'glorotUniform', biasInit: 'glorotUniform' },
      ],
    },
    regularization: { l2: 1e-4 },
    loss: binary ? 'binaryCrossEntropyFromLogits' : 'softmaxCrossEntropy',
    optimizer: { name: 'adam', lr: 1e-3 },
    batchSize: Math.min(200, options.trainRows),
    epochs: 200,
    seed: options.seed,
  };
}
