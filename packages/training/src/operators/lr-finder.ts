import { EMPTY, mergeMap, of, type Observable } from 'rxjs';
import type { ControlCommand, TrainingEvent } from '../events.ts';
import type { Controller } from '../train.ts';

/** The learning-rate range test's settings. */
export interface LrFinderOptions {
  /** First learning rate of the sweep. @defaultValue 1e-7 */
  readonly min?: number;
  /** Last learning rate of the sweep. @defaultValue 10 */
  readonly max?: number;
  /** Batches in the sweep (at least 5). @defaultValue 100 */
  readonly steps?: number;
  /** Stop once the smoothed loss exceeds this many times its minimum so far. @defaultValue 4 */
  readonly divergeFactor?: number;
  /** β of the smoothing: s ← β·s + (1 − β)·loss, bias-corrected as s / (1 − βᵏ). @defaultValue 0.98 */
  readonly beta?: number;
}

/** One batch of the sweep: the rate it used, its loss, and the smoothed loss up to it. */
export interface LrSweepPoint {
  /** 1-based batch of the sweep. */
  readonly step: number;
  readonly lr: number;
  readonly loss: number;
  readonly smoothed: number;
}

/** Why a sweep ended: it ran all its steps, the smoothed loss passed divergeFactor × its minimum, or a loss was not finite. */
export type LrSweepEnd = 'completed' | 'exploded' | 'nonFinite';

/** A sweep's options with defaults applied; throws RangeError naming the option when they cannot make a sweep. */
export function lrFinderSettings(options: LrFinderOptions = {}): Required<LrFinderOptions> {
  const s = { min: 1e-7, max: 10, steps: 100, divergeFactor: 4, beta: 0.98, ...options };
  if (!(s.min > 0) || !Number.isFinite(s.min)) throw new RangeError(`lr-find: the smallest rate must be a positive number, got ${s.min}`);
  if (!(s.max > 0) || !Number.isFinite(s.max)) throw new RangeError(`lr-find: the largest rate must be a positive number, got ${s.max}`);
  if (s.min >= s.max) throw new RangeError(`lr-find: the smallest rate (${s.min}) must be below the largest (${s.max})`);
  if (!Number.isInteger(s.steps) || s.steps < 5) throw new RangeError(`lr-find: the sweep needs an integer of at least 5 steps, got ${s.steps}`);
  if (!(s.divergeFactor > 1)) throw new RangeError(`lr-find: divergeFactor must be above 1, got ${s.divergeFactor}`);
  if (!(s.beta >= 0 && s.beta < 1)) throw new RangeError(`lr-find: beta must be in [0, 1), got ${s.beta}`);
  return s;
}

/** The rate of sweep batch k (1-based): min·(max/min)^((k − 1)/(steps − 1)), exponential from min to max. */
export function sweepRate(settings: Required<LrFinderOptions>, k: number): number {
  return settings.min * (settings.max / settings.min) ** ((k - 1) / (settings.steps - 1));
}

/** A sweep in progress: add each batch's (rate, loss); it says whether to go on. */
export interface LrSweep {
  readonly points: readonly LrSweepPoint[];
  /** Records a batch; returns why the sweep ends after it, or null to go on. */
  add(lr: number, loss: number): LrSweepEnd | null;
}

/** A fresh sweep accumulator: bias-corrected exponential smoothing and the stopping rules of Smith's range test. */
export function lrSweep(options: LrFinderOptions = {}): LrSweep {
  const s = lrFinderSettings(options);
  const points: LrSweepPoint[] = [];
  let average = 0;
  let best = Infinity;
  return {
    points,
    add(lr, loss) {
      const step = points.length + 1;
      if (!Number.isFinite(loss)) return 'nonFinite';
      average = s.beta * average + (1 - s.beta) * loss;
      const smoothed = average / (1 - s.beta ** step);
      points.push({ step, lr, loss, smoothed });
      if (step > 1 && smoothed > s.divergeFactor * best) return 'exploded';
      best = Math.min(best, smoothed);
      return step >= s.steps ? 'completed' : null;
    },
  };
}

/**
 * The learning-rate range test (Smith 2017; Lightning's `lr_find`) as a controller on the training stream: it sets
 * the rate of each batch, from `min` before the first to `max` at the last, exponentially, and sends `stop` when
 * the sweep has run its steps or the smoothed loss passes `divergeFactor` × its minimum. A non-finite loss ends the
 * run by itself (a divergence). Fold the same batchEnd events with `lrSweep` to get the curve.
 * @see https://arxiv.org/abs/1506.01186
 */
export function lrFinder(options: LrFinderOptions = {}): Controller {
  const settings = lrFinderSettings(options);
  return (events$: Observable<TrainingEvent>) => {
    const sweep = lrSweep(settings);
    let done = false;
    return events$.pipe(
      mergeMap((event): Observable<ControlCommand> => {
        if (done) return EMPTY;
        if (event.type === 'runStart') return of({ type: 'setLearningRate', lr: sweepRate(settings, 1) });
        if (event.type !== 'batchEnd') return EMPTY;
        const end = sweep.add(event.learningRate, event.loss);
        if (end === null) return of({ type: 'setLearningRate', lr: sweepRate(settings, sweep.points.length + 1) });
        done = true;
        return of({ type: 'stop' });
      }),
    );
  };
}

/** How a rate is picked from a sweep: fastai's longest valley (the default), or Lightning's steepest descent. */
export type LrSuggestionRule = 'valley' | 'steepest';

/** What a sweep found: the suggested rate (or why there is none), both rules' picks, and where the loss was lowest. */
export interface LrSuggestion {
  /** The rate the chosen rule picks; null when the loss never clearly fell. */
  readonly suggestedLr: number | null;
  readonly rule: LrSuggestionRule;
  /** The rate of steepest descent of the smoothed loss (Lightning's suggestion), when the loss fell. */
  readonly steepestLr: number | null;
  /** Halfway down the longest descending stretch of the smoothed loss (fastai's `valley`), when the loss fell. */
  readonly valleyLr: number | null;
  /** Why there is no suggestion, in words; null when there is one. */
  readonly noSuggestion: string | null;
  /** The lowest smoothed loss and the rate it was reached at. */
  readonly minLoss: number;
  readonly minLossLr: number;
}

/**
 * Suggests a rate from a sweep's points, on the smoothed loss without the first tenth of the points (the average
 * is still settling) and the last (the blow-up). `steepest` (Lightning): the most negative np.gradient, the points
 * being evenly spaced in log lr. `valley` (fastai, its default since 2.5): the longest stretch over which the
 * loss keeps falling (a longest decreasing subsequence), and the point halfway down it. The steepest descent of a
 * sweep sits near its blow-up (on digits with Adam at about 3e-2, where training overfits), the valley in the
 * middle of the descent (about 3e-3). No suggestion when too few points remain or the smoothed loss never fell by
 * `minDrop` (10%) below where the window starts: a flat or rising curve has no good rate to point at.
 * @see https://github.com/fastai/fastai/blob/master/fastai/callback/schedule.py (valley, steep)
 */
export function suggestLr(points: readonly LrSweepPoint[], options: { readonly rule?: LrSuggestionRule; readonly minDrop?: number } = {}): LrSuggestion {
  const rule = options.rule ?? 'valley';
  const minDrop = options.minDrop ?? 0.1;
  const skipBegin = Math.min(10, Math.floor(points.length / 10));
  const lowest = points.reduce((a, p) => (p.smoothed < a.smoothed ? p : a), points[0] ?? { smoothed: NaN, lr: NaN });
  const none = (why: string): LrSuggestion => ({ suggestedLr: null, rule, steepestLr: null, valleyLr: null, noSuggestion: why, minLoss: lowest.smoothed, minLossLr: lowest.lr });
  const window = points.slice(skipBegin, Math.max(skipBegin, points.length - 1));
  if (window.length < 3) return none(`only ${points.length} points: too few to find a slope`);
  const start = window[0].smoothed;
  if (!(Math.min(...window.map((p) => p.smoothed)) < start * (1 - minDrop))) {
    return none(`the smoothed loss never fell ${Math.round(minDrop * 100)}% below where it started (${start.toPrecision(3)})`);
  }
  const steepestLr = window[steepestIndex(window.map((p) => p.smoothed))].lr;
  const valleyLr = window[valleyIndex(window.map((p) => p.smoothed))].lr;
  return { suggestedLr: rule === 'valley' ? valleyLr : steepestLr, rule, steepestLr, valleyLr, noSuggestion: null, minLoss: lowest.smoothed, minLossLr: lowest.lr };
}

/** Index of the most negative np.gradient of `y` (central differences inside, one-sided at the ends). */
function steepestIndex(y: readonly number[]): number {
  let best = 0;
  let slope = Infinity;
  for (let i = 0; i < y.length; i++) {
    const [a, b] = [Math.max(0, i - 1), Math.min(y.length - 1, i + 1)];
    const g = (y[b] - y[a]) / (b - a);
    if (g < slope) [slope, best] = [g, i];
  }
  return best;
}

/** fastai's valley: the longest decreasing subsequence of `y` from `start` to `end`, and the index start + ⌊len/3⌋ + ⌊len/6⌋. */
function valleyIndex(y: readonly number[]): number {
  const length = new Array<number>(y.length).fill(1);
  let [start, end] = [0, 0];
  for (let i = 1; i < y.length; i++) {
    for (let j = 0; j < i; j++) {
      if (y[i] < y[j] && length[i] < length[j] + 1) length[i] = length[j] + 1;
      if (length[end] < length[i]) [end, start] = [i, i - length[i]];
    }
  }
  const sections = (end - start) / 3;
  return Math.max(0, start + Math.floor(sections) + Math.floor(sections / 2));
}
