import { describe, expect, it } from '@jest/globals';
import type { TrainingEvent } from '../events.ts';
import { formatEpochLine, formatEvent } from './format-event.ts';
import { plural } from './plural.ts';
import { boundarySnapshot, runStart as testRunStart, unitActivationsSnapshot } from '../testing/events.ts';

const runStart = (over: Partial<Extract<TrainingEvent, { type: 'runStart' }>>): TrainingEvent => testRunStart({
  name: 'x', architecture: '1-1 identity', model: { inputs: 1, layers: [{ units: 1, activation: 'identity' }] },
  parameterCount: 2, epochs: 1, batchSize: 4, batchesPerEpoch: 1, trainSize: 4, validationSize: 0, ...over,
});

describe('event lines', () => {
  it('plural: the noun agrees with the count', () => {
    expect([0, 1, 2].map((n) => plural(n, 'epoch'))).toEqual(['0 epochs', '1 epoch', '2 epochs']);
    expect(plural(1, 'batch', 'batches')).toBe('1 batch');
    expect(plural(3, 'batch', 'batches')).toBe('3 batches');
  });

  it('runStart and runEnd say "1 batch", "1 epoch", "1 step", "1 row" (not "1 batches")', () => {
    expect(formatEvent(runStart({ trainSize: 1, validationSize: 1, batchSize: 1 })))
      .toBe('training x: 1-1 identity (2 parameters), regression, 1 train row, 1 validation row, 1 epoch × 1 batch of 1');
    expect(formatEvent(runStart({ parameterCount: 1, epochs: 30, batchesPerEpoch: 18, trainSize: 284, validationSize: 31 })))
      .toBe('training x: 1-1 identity (1 parameter), regression, 284 train rows, 31 validation rows, 30 epochs × 18 batches of 4');
    expect(formatEvent({ type: 'runEnd', reason: 'completed', epochs: 1, batch: 0, steps: 1, bestEpoch: null, final: {}, elapsedMs: 5 })).toBe('run completed after 1 epoch (1 step) in 5 ms');
  });

  it('the epoch line labels its train loss as the running mean over the epoch', () => {
    const line = formatEpochLine({ type: 'epochEnd', epoch: 1, trainLoss: 0.5, train: { loss: 0.5 }, learningRate: 0.1, elapsedMs: 10, epochMs: 10 });
    expect(line).toBe('epoch 1  train loss 0.5 (epoch mean)  lr 0.1  10 ms');
  });

  it('boundary and unit-activation snapshots say what they hold', () => {
    expect(formatEvent(boundarySnapshot(7))).toBe('decision boundary after epoch 7 (8×4 grid, 2 classes)');
    expect(formatEvent(unitActivationsSnapshot(3))).toBe('unit activations (validation, 10 rows) after epoch 3');
  });
});
