import { describe, expect, it } from '@jest/globals';
import { metricsCsvHeader, metricsCsvRow } from './metrics-csv.ts';

describe('metrics.csv lines', () => {
  it('one row per epoch (1-based, as the events number them) with empty cells for metrics a run does not have', () => {
    const rows = [
      metricsCsvRow({ type: 'epochEnd', epoch: 1, trainLoss: 0.5, train: { loss: 0.5 }, learningRate: 0.1, elapsedMs: 10.4, epochMs: 10.4 }),
      metricsCsvRow({ type: 'epochEnd', epoch: 2, trainLoss: 0.25, train: { loss: 0.25 }, validation: { loss: 0.3, accuracy: 0.9 }, learningRate: 0.05, elapsedMs: 20.6, epochMs: 10.2 }),
      metricsCsvRow({ type: 'epochEnd', epoch: 3, trainLoss: 0.2, train: { loss: 0.2 }, validation: { loss: 0.1, mse: 0.1, r2: 0.8 }, learningRate: 0.05, elapsedMs: 30, epochMs: 10 }),
    ];
    expect(metricsCsvHeader() + rows.join('')).toBe([
      'epoch,train_loss,train_penalty,train_unweighted_loss,validation_loss,validation_unweighted_loss,validation_accuracy,validation_precision,validation_recall,validation_f1,validation_auc,validation_log_loss,validation_mse,validation_r2,learning_rate,epoch_ms,elapsed_ms',
      '1,0.5,,,,,,,,,,,,,0.1,10,10',
      '2,0.25,,,0.3,,0.9,,,,,,,,0.05,10,21',
      '3,0.2,,,0.1,,,,,,,,0.1,0.8,0.05,10,30',
      '',
    ].join('\n'));
  });
  it('the penalty beside the train loss, unweighted losses beside the weighted ones, the classification metrics', () => {
    const row = metricsCsvRow({
      type: 'epochEnd', epoch: 4, trainLoss: 0.4, train: { loss: 0.4, penalty: 0.01, unweightedLoss: 0.3 },
      validation: { loss: 0.5, unweightedLoss: 0.45, accuracy: 0.8, precision: 0.7, recall: 0.75, f1: 0.72, auc: 0.9, logLoss: 0.45 },
      learningRate: 0.01, elapsedMs: 40, epochMs: 10,
    });
    expect(row).toBe('4,0.4,0.01,0.3,0.5,0.45,0.8,0.7,0.75,0.72,0.9,0.45,,,0.01,10,40\n');
  });
});
