import { describe, expect, it } from '@jest/globals';
import { metricsCsv } from './metrics-csv.ts';

describe('metricsCsv', () => {
  it('writes one row per epoch with empty cells for metrics a run does not have', () => {
    const csv = metricsCsv([
      { type: 'epochEnd', epoch: 1, trainLoss: 0.5, train: { loss: 0.5 }, learningRate: 0.1, elapsedMs: 10.4, epochMs: 10.4 },
      { type: 'epochEnd', epoch: 2, trainLoss: 0.25, train: { loss: 0.25 }, validation: { loss: 0.3, accuracy: 0.9 }, learningRate: 0.05, elapsedMs: 20.6, epochMs: 10.2 },
    ]);
    expect(csv).toBe([
      'epoch,train_loss,validation_loss,validation_accuracy,validation_mse,validation_r2,learning_rate,epoch_ms,elapsed_ms',
      '1,0.5,,,,,0.1,10,10',
      '2,0.25,0.3,0.9,,,0.05,10,21',
      '',
    ].join('\n'));
  });

  it('is just the header for a run with no epochs', () => {
    expect(metricsCsv([]).split('\n')).toHaveLength(2);
  });
});
