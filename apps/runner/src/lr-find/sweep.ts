import type { KernelSet } from '@clearprop/tensor';
import {
  checkRunInputs, lrFinder, lrSweep, suggestLr, sweepRate, train,
  type LrFinderOptions, type LrSuggestion, type LrSuggestionRule, type LrSweepEnd, type LrSweepPoint, type TrainSpec,
} from '@clearprop/training';
import { resolveExperiment, type ExperimentSource } from '@clearprop/training/node';
import { lastValueFrom, tap } from 'rxjs';

/** What a sweep saw and what it suggests. */
export interface LrFindOutcome extends LrSuggestion {
  readonly name: string;
  readonly points: readonly LrSweepPoint[];
  /** Why it stopped: all steps run, the smoothed loss passed divergeFactor × its minimum, or a NaN/∞ loss. */
  readonly end: LrSweepEnd;
  /** The rate of the batch whose loss was not finite, when end is 'nonFinite'. */
  readonly nonFiniteAt: number | null;
  /** The optimizer and batch size swept with. */
  readonly optimizer: string;
  readonly batchSize: number;
}

/**
 * Runs the range test on an experiment: the run of `train()` itself, from its initial weights (or `init`), with
 * the config's schedule and warm-up replaced by a constant rate (the sweep sets it every batch), its controllers
 * (early stopping, reduce-on-plateau) left out, no snapshots or final evaluation, and `lrFinder` steering it.
 * Nothing is written; the weights are dropped when the run ends.
 */
export async function sweepExperiment(
  source: ExperimentSource, cwd: string, options: Required<LrFinderOptions> & { readonly rule: LrSuggestionRule }, kernels?: KernelSet,
): Promise<LrFindOutcome> {
  const { experiment, resumeFrom } = await resolveExperiment(source, cwd);
  const { schedule: _schedule, warmupSteps: _warmup, ...optimizer } = experiment.spec.optimizer;
  const base: TrainSpec = { ...experiment.spec, optimizer };
  const { batchesPerEpoch, batchSize } = checkRunInputs(base);
  const spec: TrainSpec = { ...base, epochs: Math.ceil(options.steps / batchesPerEpoch) };
  const sweep = lrSweep(options);
  let end: LrSweepEnd = 'completed';
  let nonFiniteAt: number | null = null;
  await lastValueFrom(train(spec, {
    controllers: [lrFinder(options)], finalMetrics: [], snapshotEvery: Number.MAX_SAFE_INTEGER, boundaryGrid: false, onDivergence: 'stop',
    ...(kernels ? { kernels } : {}), ...(resumeFrom ? { resumeFrom: { params: resumeFrom.params } } : {}),
  }).pipe(tap((event) => {
    if (event.type === 'batchEnd') end = sweep.add(event.learningRate, event.loss) ?? end;
    if (event.type === 'divergence') [end, nonFiniteAt] = ['nonFinite', sweep.points.length < options.steps ? sweepRate(options, sweep.points.length + 1) : null];
  })), { defaultValue: undefined });
  return {
    name: experiment.name, points: sweep.points, end, nonFiniteAt, ...suggestLr(sweep.points, { rule: options.rule }),
    optimizer: optimizer.name, batchSize,
  };
}
