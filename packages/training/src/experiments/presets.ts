import type { ExperimentConfig } from './types.ts';

/**
 * Built-in experiments. `sin` is the default: the seed's task on its grid with a network that fits it.
 * `seed-code1` and `seed-code2` are the blog's own settings, reproduced as written (they do not fit sin well:
 * a sigmoid output lives in (0, 1), so the negative half of sin stays out of reach — see README).
 */
export const PRESETS: Readonly<Record<string, ExperimentConfig>> = {
  sin: {
    name: 'sin',
    description: 'sin(x) on the seed grid [−5π, 5π) step 0.1: 1-32-32-1 tanh, Adam with cosine decay',
    data: { builtin: 'sin', validationSplit: 0.1 },
    model: { layers: [{ units: 32, activation: 'tanh' }, { units: 32, activation: 'tanh' }, { units: 1, activation: 'identity' }] },
    loss: 'meanSquaredError',
    optimizer: { name: 'adam', lr: 0.01, schedule: { name: 'cosine', alpha: 0.05 } },
    batchSize: 16,
    epochs: 400,
    seed: 1,
  },
  'seed-code1': {
    name: 'seed-code1',
    description: "the blog's Code 1: 1-2-3-2-1 sigmoid, per-sample SGD, lr 0.01, ½Σ(ŷ−y)²",
    data: { builtin: 'sin' },
    model: { layers: [2, 3, 2, 1].map((units) => ({ units, activation: 'sigmoid' as const, init: 'normal' as const })) },
    loss: 'halfSumSquared',
    optimizer: { name: 'sgd', lr: 0.01 },
    batchSize: 1,
    epochs: 100,
    seed: 1,
  },
  'seed-code2': {
    name: 'seed-code2',
    description: "the blog's Code 2: 1-2-4-2-1 sigmoid, batch 5, lr 1.5 with poly decay lr·(1−t/T)^0.25, ½Σ(ŷ−y)²",
    data: { builtin: 'sin' },
    model: { layers: [2, 4, 2, 1].map((units) => ({ units, activation: 'sigmoid' as const, init: 'normal' as const })) },
    loss: 'halfSumSquared',
    optimizer: { name: 'sgd', lr: 1.5, schedule: { name: 'poly', power: 0.25 } },
    batchSize: 5,
    epochs: 500,
    seed: 1,
  },
  xor: {
    name: 'xor',
    description: 'XOR, the four corners: 2-8-2 tanh/softmax',
    data: { builtin: 'xor' },
    model: { layers: [{ units: 8, activation: 'tanh' }, { units: 2, activation: 'softmax' }] },
    loss: 'softmaxCrossEntropy',
    optimizer: { name: 'adam', lr: 0.05 },
    batchSize: 4,
    epochs: 200,
    seed: 1,
  },
  moons: {
    name: 'moons',
    description: 'two interleaving half-moons (400 points, noise 0.1): 2-16-16-2 relu/softmax',
    data: { builtin: 'moons', samples: 400, noise: 0.1, validationSplit: 0.2 },
    model: { layers: [{ units: 16, activation: 'relu' }, { units: 16, activation: 'relu' }, { units: 2, activation: 'softmax' }] },
    loss: 'softmaxCrossEntropy',
    optimizer: { name: 'adam', lr: 0.01 },
    batchSize: 32,
    epochs: 100,
    seed: 1,
  },
  spirals: {
    name: 'spirals',
    description: 'three interleaved spirals (300 points): 2-64-64-3 relu/softmax',
    data: { builtin: 'spirals', samples: 300, noise: 0.2, validationSplit: 0.2 },
    model: { layers: [{ units: 64, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: 3, activation: 'softmax' }] },
    loss: 'softmaxCrossEntropy',
    optimizer: { name: 'adam', lr: 0.01 },
    batchSize: 32,
    epochs: 300,
    seed: 1,
  },
  iris: {
    name: 'iris',
    description: 'Fisher’s iris (vendored), standardized, stratified 80/20 test split: 4-16-3 relu/softmax',
    data: { builtin: 'iris', standardize: true, testSplit: 0.2, validationSplit: 0.1 },
    model: { layers: [{ units: 16, activation: 'relu' }, { units: 3, activation: 'softmax' }] },
    loss: 'softmaxCrossEntropy',
    optimizer: { name: 'adam', lr: 0.01 },
    batchSize: 16,
    epochs: 150,
    seed: 1,
  },
  digits: {
    name: 'digits',
    description: 'UCI 8×8 digits (vendored), standardized, stratified 80/20 test split: 64-64-10 relu/softmax, Adam 1e-3',
    data: { builtin: 'digits', standardize: true, testSplit: 0.2 },
    model: { layers: [{ units: 64, activation: 'relu' }, { units: 10, activation: 'softmax' }] },
    loss: 'softmaxCrossEntropy',
    optimizer: { name: 'adam', lr: 0.001 },
    batchSize: 32,
    epochs: 100,
    seed: 1,
  },
};

/** Names of the built-in experiments. */
export const PRESET_NAMES: readonly string[] = Object.keys(PRESETS);

/** The experiment that runs when none is named. */
export const DEFAULT_PRESET = 'sin';

/** A preset's config; throws RangeError listing the names for an unknown one. */
export function presetConfig(name: string): ExperimentConfig {
  const config = PRESETS[name];
  if (!config) throw new RangeError(`unknown preset "${name}"; expected one of ${PRESET_NAMES.join(', ')}`);
  return config;
}
