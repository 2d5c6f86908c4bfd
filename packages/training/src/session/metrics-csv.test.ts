import { describe, expect, it } from '@jest/globals';
import { metricsCsvHeader, metricsCsvRow } from './metrics-csv.ts';

describe('metrics.csv lines', () => {
  it('one row per epoch (1-based, as the events number them) with empty cells for metrics a run does not have', () => {
    const rows = [
      metricsCsvRow({ type: 'epochEnd', epoch: 1, trainLoss: 0.5, train: { loss: 0.5 }, learningRate: 0.1, elapsedMs: 10.4, epochMs: 10.4 }),
      metricsCsvRow({ type: 'epochEnd', epoch: 2, trainLoss: 0.25, train: { loss: 0.25 }, validation: { loss: 0.3, accuracy: 0.9 }, learningRate: 0.05, elapsedMs: 20.6, epochMs: 10.2 }),
    ];
    expect(metricsCsvHeader() + rows.join('')).toBe([
      'epoch,train_loss,validation_loss,validation_accuracy,validation_mse,validation_r2,learning_rate,epoch_ms,elapsed_ms',
      '1,0.5,,,,,0.1,10,10',
      '2,0.25,0.3,0.9,,,0.05,10,21',
      '',
    ].join('\n'));
  });
});
