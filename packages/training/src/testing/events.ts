import type { LayerStats, RunConfig, TrainingEvent } from '../events.ts';

type Of<K extends TrainingEvent['type']> = Extract<TrainingEvent, { type: K }>;

/** A RunConfig for a regression on one feature, for tests; fields overridable. */
export const runConfig = (over: Partial<RunConfig> = {}): RunConfig => ({
  loss: 'meanSquaredError', optimizer: { name: 'adam', lr: 0.01 }, epochs: 10, batchSize: 5, seed: 1, shuffle: true, dropRemainder: false,
  dataset: { task: 'regression', featureNames: ['x'], targetNames: ['y'], classLabels: [] }, ...over,
});

/** A runStart for a 1-4-1 regression (10 epochs of 2 batches), for tests; fields overridable. */
export const runStart = (over: Partial<Of<'runStart'>> = {}): Of<'runStart'> => ({
  type: 'runStart', name: 'sin', seed: 1, architecture: '1-4-1 tanh/identity',
  model: { inputs: 1, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'identity' }] },
  parameterCount: 13, task: 'regression', epochs: 10, batchSize: 5, batchesPerEpoch: 2, trainSize: 10, validationSize: 2, startEpoch: 0, resumedAt: null,
  config: runConfig(), ...over,
});

/** One layer's statistics, for tests. */
export const layerStats = (index: number, over: Partial<LayerStats> = {}): LayerStats => ({
  layer: index, activation: index === 0 ? 'tanh' : 'identity', deltaNorm: 0.5, gradNorm: 0.25, weightNorm: 1, updateRatio: 1e-3,
  deadFraction: 0, saturatedFraction: 0, ...over,
});

/** The events of epoch `epoch` (1-based: 2 batches, layer stats, epochEnd) with the given losses. */
export const epochEvents = (epoch: number, trainLoss: number, validationLoss = trainLoss * 1.1): TrainingEvent[] => [
  { type: 'epochStart', epoch },
  { type: 'batchEnd', epoch, batch: 1, step: epoch * 2 - 1, loss: trainLoss, learningRate: 0.01, samplesPerSecond: 1000 },
  { type: 'batchEnd', epoch, batch: 2, step: epoch * 2, loss: trainLoss, learningRate: 0.01, samplesPerSecond: 1000 },
  { type: 'layerStats', epoch, step: epoch * 2, layers: [layerStats(0, { deltaNorm: 1 / epoch }), layerStats(1)] },
  {
    type: 'epochEnd', epoch, trainLoss, train: { loss: trainLoss }, validation: { loss: validationLoss, mse: validationLoss, r2: 0.9 },
    learningRate: 0.01, elapsedMs: epoch * 100, epochMs: 100,
  },
];

/** A runEnd after `epochs` whole epochs of 2 batches, for tests; fields overridable. */
export const runEnd = (epochs: number, over: Partial<Of<'runEnd'>> = {}): Of<'runEnd'> => ({
  type: 'runEnd', reason: 'completed', epochs, batch: 0, steps: epochs * 2, bestEpoch: null, final: {}, elapsedMs: epochs * 100, ...over,
});

/** A prediction snapshot of a 1-D fit on 41 points of [-π, π] after epoch `epoch`, for tests. */
export const fitSnapshot = (epoch: number): TrainingEvent => {
  const x = Array.from({ length: 41 }, (_, i) => -Math.PI + (i * 2 * Math.PI) / 40);
  return { type: 'predictionSnapshot', epoch, x, target: x.map(Math.sin), prediction: x.map((v) => 0.9 * Math.sin(v)) };
};

/** A validation confusion matrix over `classes` classes, mostly right, after epoch `epoch`, for tests. */
export const confusionSnapshot = (epoch: number, classes: number): TrainingEvent => ({
  type: 'confusionMatrix', epoch, split: 'validation', labels: Array.from({ length: classes }, (_, i) => `class-${i}`),
  matrix: Array.from({ length: classes }, (_, i) => Array.from({ length: classes }, (_, j) => (i === j ? 40 + i : (i + j) % 3))),
});
