import { describe, expect, it } from '@jest/globals';
import type { TrainingEvent } from '@clearprop/training';
import { runStart as testRunStart } from '@clearprop/training/testing';
import { progressReporter } from './progress.ts';
import { plainStyle } from './style.ts';

const runStart = testRunStart({ name: 'x', architecture: '2-2', parameterCount: 6, epochs: 5, batchSize: 4, batchesPerEpoch: 2, trainSize: 8, validationSize: 0 });
const epochEnd = (epoch: number): TrainingEvent => ({ type: 'epochEnd', epoch, trainLoss: 1, train: { loss: 1 }, learningRate: 0.1, elapsedMs: 0, epochMs: 0 });
const batchEnd = (epoch: number, batch: number): TrainingEvent => ({ type: 'batchEnd', epoch, batch, step: 0, loss: 0.5, learningRate: 0.1, samplesPerSecond: 1 });

function harness(isTTY: boolean) {
  let text = '';
  let t = 0;
  const reporter = progressReporter({ stream: { write: (s) => void (text += s), isTTY, columns: 80 }, style: plainStyle, now: () => t, lineIntervalMs: 1000, redrawMs: 100 });
  return { reporter, text: () => text, advance: (ms: number) => void (t += ms) };
}

describe('progressReporter', () => {
  it('without a TTY: plain lines for the first epoch, then at most one per interval, always the last', () => {
    const h = harness(false);
    h.reporter.next(runStart);
    for (let e = 1; e <= 5; e++) {
      h.reporter.next(batchEnd(e, 1));
      h.reporter.next(epochEnd(e));
      h.advance(600);
    }
    const lines = h.text().trim().split('\n');
    expect(lines[0]).toMatch(/^training x:/);
    expect(lines.slice(1).map((l) => l.slice(0, 9))).toEqual(['epoch 1/5', 'epoch 3/5', 'epoch 5/5']);
    expect(h.text()).not.toContain('\r');
  });

  it('on a TTY: a bar redrawn in place at most every redrawMs, cleared before event lines and at the end', () => {
    const h = harness(true);
    h.reporter.next(runStart);
    h.reporter.next(batchEnd(1, 1));
    h.reporter.next(batchEnd(1, 2)); // within 100 ms: not drawn
    h.advance(150);
    h.reporter.next(batchEnd(2, 1));
    h.reporter.next({ type: 'checkpoint', epoch: 2, batch: 1, step: 3, path: 'c.safetensors', reason: 'requested' });
    h.reporter.done();
    const text = h.text();
    expect(text.split('\r\x1b[2K[').length - 1).toBe(2);
    expect(text).toContain('\r\x1b[2Kcheckpoint written to c.safetensors');
    expect(text).not.toMatch(/epoch \d\/5 {2}train loss/);
  });

  it('on a TTY: the bar shows the epoch\'s row-weighted mean loss so far and a smoothed ETA, at a fixed width (fake clock)', () => {
    let text = '';
    let t = 0;
    const reporter = progressReporter({ stream: { write: (s) => void (text += s), isTTY: true, columns: 100 }, style: plainStyle, now: () => t, redrawMs: 100 });
    // 6 rows in batches of 4: the second batch of each epoch has 2 rows.
    reporter.next({ ...runStart, epochs: 5, batchSize: 4, trainSize: 6 });
    const bars: string[] = [];
    let step = 0;
    for (let epoch = 1; epoch <= 3; epoch++) {
      for (const [batch, loss] of [[1, 1], [2, 4]] as const) {
        t += 100;
        step += 1;
        text = '';
        reporter.next({ type: 'batchEnd', epoch, batch, step, loss, learningRate: 0.1, samplesPerSecond: 1 });
        bars.push(text.replace('\r\x1b[2K', ''));
      }
    }
    expect(bars[0]).toMatch(/ {2}mean loss 1 {2}100 ms, eta –$/);
    // (1·4 + 4·2) / 6 = 2, the epoch line's trainLoss; a step every 100 ms and 10 − 4 steps left: 600 ms.
    expect(bars[3]).toMatch(/ {2}mean loss 2 {2}400 ms, eta 600 ms$/);
    expect(bars[4]).toMatch(/ {2}mean loss 1 {2}500 ms, eta 500 ms$/);
    expect(new Set(bars.map((b) => /^\[[#-]*\]/.exec(b)?.[0].length)).size).toBe(1);
  });
});
