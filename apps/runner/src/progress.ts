import type { TrainingEvent } from '@clearprop/training';
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
  const draw = (epoch: number, batch: number, loss: number) => {
    const t = now();
    if (t - lastDraw < redrawMs) return;
    lastDraw = t;
    stream.write('\r\x1b[2K' + formatProgress({ epoch, epochs, batch, batchesPerEpoch, loss, elapsedMs: t - started }, stream.columns || 80));
    barShown = true;
  };
  return {
    next(event) {
      if (event.type === 'runStart') {
        epochs = event.epochs;
        batchesPerEpoch = event.batchesPerEpoch;
      }
      if (NOTABLE.has(event.type)) {
        const text = formatEvent(event);
        line(event.type === 'divergence' ? style.red(text) : event.type === 'runStart' ? style.bold(text) : text);
        return;
      }
      if (stream.isTTY) {
        if (event.type === 'batchEnd') draw(event.epoch, event.batch, event.loss);
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
