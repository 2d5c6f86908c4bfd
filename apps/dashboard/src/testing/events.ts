import type { LayerStats, TrainingEvent } from '@clearprop/training';

type Of<K extends TrainingEvent['type']> = Extract<TrainingEvent, { type: K }>;

/** A runStart for a 1-4-1 regression, for tests; fields overridable. */
export const runStart = (over: Partial<Of<'runStart'>> = {}): Of<'runStart'> => ({
  type: 'runStart', name: 'sin', seed: 1, architecture: '1-4-1 tanh/identity',
  model: { inputs: 1, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'identity' }] },
  parameterCount: 13, task: 'regression', epochs: 10, batchSize: 5, batchesPerEpoch: 2, trainSize: 10, validationSize: 2, startEpoch: 0,
  config: { optimizer: { name: 'adam', lr: 0.01 } }, ...over,
});

/** One layer's statistics, for tests. */
export const layer = (index: number, over: Partial<LayerStats> = {}): LayerStats => ({
  layer: index, activation: index === 0 ? 'tanh' : 'identity', deltaNorm: 0.5, gradNorm: 0.25, weightNorm: 1, updateRatio: 1e-3,
  deadFraction: 0, saturatedFraction: 0, ...over,
});

/** The events of one epoch (2 batches, layer stats, epochEnd) with the given losses. */
export const epoch = (index: number, trainLoss: number, validationLoss = trainLoss * 1.1): TrainingEvent[] => [
  { type: 'epochStart', epoch: index },
  { type: 'batchEnd', epoch: index, batch: 0, step: index * 2 + 1, loss: trainLoss, learningRate: 0.01, samplesPerSecond: 1000 },
  { type: 'batchEnd', epoch: index, batch: 1, step: index * 2 + 2, loss: trainLoss, learningRate: 0.01, samplesPerSecond: 1000 },
  { type: 'layerStats', epoch: index, step: index * 2 + 2, layers: [layer(0, { deltaNorm: 1 / (index + 1) }), layer(1)] },
  {
    type: 'epochEnd', epoch: index, trainLoss, train: { loss: trainLoss }, validation: { loss: validationLoss, mse: validationLoss, r2: 0.9 },
    learningRate: 0.01, elapsedMs: (index + 1) * 100, epochMs: 100,
  },
];

/** A prediction snapshot of a 1-D fit on 41 points of [-π, π], for tests. */
export const fitSnapshot = (index: number): TrainingEvent => {
  const x = Array.from({ length: 41 }, (_, i) => -Math.PI + (i * 2 * Math.PI) / 40);
  return { type: 'predictionSnapshot', epoch: index, x, target: x.map(Math.sin), prediction: x.map((v) => 0.9 * Math.sin(v)) };
};

/** A confusion matrix over `classes` classes, mostly right, for tests. */
export const confusion = (index: number, classes: number): TrainingEvent => ({
  type: 'confusionMatrix', epoch: index, split: 'validation', labels: Array.from({ length: classes }, (_, i) => `class-${i}`),
  matrix: Array.from({ length: classes }, (_, i) => Array.from({ length: classes }, (_, j) => (i === j ? 40 + i : (i + j) % 3))),
});
