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

/**
 * A hand-made boundary snapshot on a `width`×`height` grid over x, y ∈ [0, 1] (cell centres) with two classes
 * "a" and "b": P(b) = x at each cell, so the left half is "a", the right half "b", most confident at the edges.
 * Hidden: one tanh layer of 2 units on the same grid (unit 0 = x, unit 1 = −y). Points: train (0.1, 0.5) "a",
 * (0.9, 0.5) "b"; validation (0.5, 0.9) "b".
 */
export const boundarySnapshot = (epoch: number, size: { readonly width: number; readonly height: number } = { width: 8, height: 4 }): Of<'boundary'> => {
  const x = Array.from({ length: size.width }, (_, j) => (j + 0.5) / size.width);
  const y = Array.from({ length: size.height }, (_, i) => (i + 0.5) / size.height);
  const cells = y.flatMap((yi) => x.map((xj) => [xj, yi] as const));
  return {
    type: 'boundary', epoch, features: ['x', 'y'], labels: ['a', 'b'], x, y,
    probabilities: cells.flatMap(([xj]) => [1 - xj, xj]),
    hidden: { x, y, layers: [{ layer: 0, activation: 'tanh', units: 2, shown: 2, values: [...cells.map(([xj]) => xj), ...cells.map(([, yi]) => -yi)] }] },
    points: { train: { x: [0.1, 0.9], y: [0.5, 0.5], label: [0, 1] }, validation: { x: [0.5], y: [0.9], label: [1] } },
  };
};

/** Unit histograms of a 2-layer net (3 relu units, unit 1 dead; 2 tanh units, unit 0 saturated) on 10 validation rows. */
export const unitActivationsSnapshot = (epoch: number): Of<'unitActivations'> => ({
  type: 'unitActivations', epoch, split: 'validation', rows: 10, bins: 4,
  layers: [
    { layer: 0, activation: 'relu', units: 3, shown: 3, range: [0, 2], counts: [4, 3, 2, 1, 10, 0, 0, 0, 1, 2, 3, 4], dead: [1], saturated: [] },
    { layer: 1, activation: 'tanh', units: 2, shown: 2, range: [-1, 1], counts: [0, 0, 0, 10, 1, 4, 4, 1], dead: [], saturated: [0] },
  ],
});
