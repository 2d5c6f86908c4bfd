import { observeRate, remainingMs, startRate, type RateEstimate, type TrainingEvent } from '@clearprop/training';
import { formatEpochLine, formatEvent, formatProgress } from './format.ts';
import type { TextStream } from './io.ts';
import type { Style } from './style.ts';

/** Options for progressReporter. */
export interface ProgressOptions {
  readonly stream: TextStream;
  readonly style: Style;
  readonly now: () => number;
  /** Minimum time between plain epoch lines (non-TTY). @defaultValue 2000 */
  readonly lineIntervalMs?: number;
  /** Minimum time between redraws of the bar (TTY). @defaultValue 100 */
  readonly redrawMs?: number;
}

/** Consumes a run's events: `next` for each event, `done` to clear the bar. */
export interface ProgressReporter {
  next(event: TrainingEvent): void;
  done(): void;
}

const NOTABLE = new Set<TrainingEvent['type']>(['runStart', 'control', 'checkpoint', 'earlyStop', 'restoredBest', 'divergence']);

/**
 * Human progress on stderr: a one-line bar redrawn in place on a terminal, otherwise plain epoch lines at most every
 * `lineIntervalMs` (always the first and last epoch). Notable events (checkpoints, early stop, divergence) always get a line.
 */
export function progressReporter(options: ProgressOptions): ProgressReporter {
  const { stream, style, now, lineIntervalMs = 2000, redrawMs = 100 } = options;
  const started = now();
  let epochs = 0;
  let batchesPerEpoch = 1;
  let batchSize = 1;
  let trainSize = 1;
  // The epoch's loss so far, weighted by rows as the epoch line's mean is (the last batch may be short).
  let lossSum = 0;
  let rowsSeen = 0;
  // Steps (batches) against the clock, for the ETA; started at the first batch.
  let rate: RateEstimate | null = null;
  let lastLine = -Infinity;
  let lastDraw = -Infinity;
  let barShown = false;
  const clearBar = () => {
    if (barShown) stream.write('\r\x1b[2K');
    barShown = false;
  };
  const line = (text: string) => {
    clearBar();
    stream.write(text + '\n');
  };
  const draw = (event: Extract<TrainingEvent, { type: 'batchEnd' }>) => {
    const t = now();
    if (t - lastDraw < redrawMs) return;
    lastDraw = t;
    // Sampled at redraws, as tqdm does: every sample spans at least redrawMs.
    rate = rate ? observeRate(rate, event.step, t, { minIntervalMs: redrawMs }) : startRate(event.step, t);
    const etaMs = remainingMs(rate, epochs * batchesPerEpoch - event.step);
    const progress = { epoch: event.epoch, epochs, batch: event.batch, batchesPerEpoch, loss: lossSum / Math.max(rowsSeen, 1), elapsedMs: t - started, etaMs };
    stream.write('\r\x1b[2K' + formatProgress(progress, stream.columns || 80));
    barShown = true;
  };
  const addBatch = (event: Extract<TrainingEvent, { type: 'batchEnd' }>) => {
    if (event.batch === 1) lossSum = rowsSeen = 0;
    const rows = Math.max(Math.min(batchSize, trainSize - (event.batch - 1) * batchSize), 1);
    lossSum += event.loss * rows;
    rowsSeen += rows;
  };
  return {
    next(event) {
      if (event.type === 'runStart') {
        ({ epochs, batchesPerEpoch, batchSize, trainSize } = event);
      }
      if (NOTABLE.has(event.type)) {
        const text = formatEvent(event);
        line(event.type === 'divergence' ? style.red(text) : event.type === 'runStart' ? style.bold(text) : text);
        return;
      }
      if (stream.isTTY) {
        if (event.type === 'batchEnd') {
          addBatch(event);
          draw(event);
        }
        return;
      }
      if (event.type !== 'epochEnd') return;
      const t = now();
      const last = event.epoch >= epochs;
      if (event.epoch === 1 || last || t - lastLine >= lineIntervalMs) {
        lastLine = t;
        line(formatEpochLine(event, epochs));
      }
    },
    done: clearBar,
  };
}
