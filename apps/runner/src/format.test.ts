import { describe, expect, it } from '@jest/globals';
import type { TrainingEvent } from '@clearprop/training';
import { eventJson, formatDuration, formatEpochLine, formatEvent, formatMetrics, formatNumber, formatProgress, formatSummary, progressBar, summaryJson, type RunSummary } from './format.ts';
import { ansiStyle } from './style.ts';

const epochEnd: Extract<TrainingEvent, { type: 'epochEnd' }> = {
  type: 'epochEnd', epoch: 12, trainLoss: 0.123456, train: { loss: 0.123456 }, validation: { loss: 0.2, accuracy: 0.95 },
  learningRate: 0.001, elapsedMs: 1234, epochMs: 100,
};

const summary: RunSummary = {
  name: 'iris', status: 'completed', exitCode: 0, task: 'classification', epochs: 150, batch: 0, steps: 1050, elapsedMs: 2500,
  final: { train: { loss: 0.05, accuracy: 0.99 }, test: { loss: 0.2, accuracy: 0.9333 } },
  outDir: 'runs/iris-1', model: 'runs/iris-1/model.safetensors', artifacts: { model: 'runs/iris-1/model.safetensors' },
};

describe('format', () => {
  it('formatNumber: 4 significant digits, exponent outside [1e-3, 1e4), NaN and infinities spelled out', () => {
    expect([0, 1, 0.123456, 12.3456, 9999, 12345, 0.0001234, -0.5, NaN, Infinity, -Infinity].map(formatNumber))
      .toEqual(['0', '1', '0.1235', '12.35', '9999', '1.23e4', '1.23e-4', '-0.5', 'NaN', '∞', '-∞']);
  });

  it('formatDuration', () => {
    expect([12.4, 999, 1000, 12_345, 125_000, 3_725_000].map(formatDuration)).toEqual(['12 ms', '999 ms', '1.0 s', '12.3 s', '2m 05s', '1h 02m']);
  });

  it('formatMetrics picks the metrics present', () => {
    expect(formatMetrics({ loss: 0.5, accuracy: 0.75 })).toBe('loss 0.5 accuracy 0.75');
    expect(formatMetrics({ loss: 0.01, mse: 0.01, r2: 0.98765 })).toBe('loss 0.01 mse 0.01 r2 0.9877');
  });

  it('formatEpochLine pads the epoch to the width of the total', () => {
    expect(formatEpochLine(epochEnd, 200)).toBe('epoch  12/200  train loss 0.1235 (epoch mean)  validation loss 0.2 accuracy 0.95  lr 0.001  1.2 s');
  });

  it('formatEvent has a line for every event type', () => {
    const events: TrainingEvent[] = [
      { type: 'epochStart', epoch: 1 },
      { type: 'checkpoint', epoch: 4, batch: 3, step: 33, path: 'c.safetensors', reason: 'requested' },
      { type: 'control', command: 'stop', epoch: 4, batch: 10, step: 40, state: 'running', learningRate: 0.1 },
      { type: 'earlyStop', epoch: 10, monitor: 'validation.loss', best: 0.1, bestEpoch: 5 },
      { type: 'restoredBest', epoch: 10, batch: 10, bestEpoch: 5, monitor: 'validation.loss', best: 0.1 },
      { type: 'divergence', epoch: 3, batch: 7, step: 27, loss: NaN, layer: 0, cause: 'unscaledInputs', message: 'standardize the features', action: 'stopped' },
      { type: 'runEnd', reason: 'completed', epochs: 10, batch: 0, steps: 100, bestEpoch: null, final: {}, elapsedMs: 1500 },
      { type: 'runEnd', reason: 'stopped', epochs: 3, batch: 1, steps: 31, bestEpoch: null, final: {}, elapsedMs: 1500 },
    ];
    expect(events.map(formatEvent)).toEqual([
      'epoch 1 started',
      'checkpoint written to c.safetensors (epoch 4 batch 3, step 33)',
      'stop at epoch 4 batch 10, step 40',
      'early stop after epoch 10: validation.loss best 0.1 at epoch 5',
      'restored the best weights (epoch 5, validation.loss 0.1)',
      'diverged in epoch 3 batch 7, step 27: standardize the features',
      'run completed after 10 epochs (100 steps) in 1.5 s',
      'run stopped after 3 epochs + 1 batch (31 steps) in 1.5 s',
    ]);
  });

  it('progressBar and formatProgress', () => {
    expect(progressBar(0.5, 10)).toBe('[#####-----]');
    expect(progressBar(2, 4)).toBe('[####]');
    const line = formatProgress({ epoch: 5, epochs: 10, batch: 0, batchesPerEpoch: 5, loss: 0.25, elapsedMs: 4000, etaMs: 6000 }, 120);
    expect(line).toBe(`${progressBar(0.4, 30)} epoch 5/10 40%  mean loss 0.25  4.0 s, eta 6.0 s`);
    expect(formatProgress({ epoch: 1, epochs: 10, batch: 0, batchesPerEpoch: 5, loss: 1, elapsedMs: 0, etaMs: null }, 80)).toMatch(/ {2}0 ms, eta –$/);
    expect(formatProgress({ epoch: 1, epochs: 10, batch: 0, batchesPerEpoch: 5, loss: 1, elapsedMs: 0, etaMs: null }, 40).length).toBeLessThanOrEqual(39);
  });

  it('formatProgress: one bar width per terminal width for the whole run, whatever the numbers print as', () => {
    const losses = [1, 0.5, 0.25, 12.35, 0.001234, 1.23e-4, 1e-12, Number.NaN];
    const durations = [0, 7, 999, 1000, 12_345, 59_999, 125_000, 3_599_000, 36_000_000];
    const problems: string[] = [];
    for (const columns of [60, 80, 100, 120, 160]) {
      for (const epochs of [5, 30, 400, 3000, 100_000]) {
        const widths = new Set<number>();
        for (const [i, loss] of losses.entries()) {
          for (const [j, elapsedMs] of durations.entries()) {
            const etaMs = j % 3 === 0 ? null : durations[(i + j) % durations.length];
            const epoch = Math.floor(((i * durations.length + j) / (losses.length * durations.length)) * epochs);
            const line = formatProgress({ epoch, epochs, batch: j % 4, batchesPerEpoch: 4, loss, elapsedMs, etaMs }, columns);
            widths.add(/^\[[#-]*\]/.exec(line)?.[0].length ?? -1);
            if (line.length > columns - 1) problems.push(`${columns} columns: ${line}`);
            // From 80 columns up nothing is cut off: the line still ends with the ETA.
            if (columns >= 80 && !/, eta (–|\S+( \S+)?)$/.test(line)) problems.push(`${columns} columns, cut off: ${line}`);
          }
        }
        if (widths.size !== 1) problems.push(`${columns} columns, ${epochs} epochs: bar widths ${[...widths].join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
    // 80 columns, 400 epochs: 79 − 2 brackets − the widest text (61) leaves 16 cells.
    expect(/^\[[#-]*\]/.exec(formatProgress({ epoch: 0, epochs: 400, batch: 1, batchesPerEpoch: 18, loss: 0.5, elapsedMs: 10, etaMs: null }, 80))?.[0]).toBe(`[${'-'.repeat(16)}]`);
  });

  it('formatSummary: plain text, colour only through the style; the metrics are labelled as the final weights\' evaluation', () => {
    expect(formatSummary(summary)).toBe([
      'iris: completed after 150 epochs (1050 steps) in 2.5 s',
      '  final weights, evaluated on',
      '    train      loss 0.05 accuracy 0.99',
      '    test       loss 0.2 accuracy 0.9333',
      '  model      runs/iris-1/model.safetensors',
      '  outputs    runs/iris-1',
      '',
    ].join('\n'));
    expect(formatSummary({ ...summary, epochs: 1, steps: 1, final: {} }).split('\n').slice(0, 2)).toEqual(['iris: completed after 1 epoch (1 step) in 2.5 s', '  model      runs/iris-1/model.safetensors']);
    expect(formatSummary(summary, ansiStyle)).toContain('\x1b[32mcompleted\x1b[39m');
    expect(formatSummary({ ...summary, status: 'stopped', exitCode: 130, checkpoint: 'c.safetensors' })).toContain('resume with: clearprop train --resume c.safetensors');
  });

  it('summaryJson adds the headline metrics of the best split available', () => {
    const json = JSON.parse(summaryJson(summary));
    expect(json).toMatchObject({ name: 'iris', accuracy: 0.9333, loss: 0.2, exitCode: 0 });
    const regression = JSON.parse(summaryJson({ ...summary, task: 'regression', final: { validation: { loss: 0.1, mse: 0.1, r2: 0.9 } } }));
    expect(regression).toMatchObject({ mse: 0.1, r2: 0.9 });
    expect(regression.accuracy).toBeUndefined();
  });

  it('eventJson is one line and leaves out the non-enumerable params of runEnd', () => {
    const end = { type: 'runEnd', reason: 'completed', epochs: 1, batch: 0, steps: 1, bestEpoch: null, final: {}, elapsedMs: 1 } as const;
    Object.defineProperty(end, 'params', { value: [1, 2, 3], enumerable: false });
    expect(eventJson(end)).toBe('{"type":"runEnd","reason":"completed","epochs":1,"batch":0,"steps":1,"bestEpoch":null,"final":{},"elapsedMs":1}\n');
  });
});
