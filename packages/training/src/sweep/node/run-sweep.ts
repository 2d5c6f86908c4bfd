import { formatNumber } from '../../describe/format-event.ts';
import { rankTrials } from '../aggregate.ts';
import { emptyRungTable, recordEnd, recordRung, rungDecision, rungEpochs, type RungTable } from '../asha.ts';
import type { SweepEvent } from '../events.ts';
import { trialConfig } from '../sampling.ts';
import type { RungValue, SweepDefinition, TrialPlan, TrialResult, TrialStatus } from '../types.ts';
import type { RungVerdict, TrialTask } from './run-trial.ts';
import type { SweepFolder } from './sweep-folder.ts';
import type { PooledTrialHooks } from './trial-pool.ts';

/** Where trials run: worker threads here, or a queue that workers on other machines take from. */
export interface TrialExecutor {
  /** `local`, or the queue's address, for the log. */
  readonly label: string;
  /** Trials at once (here; for a queue, what the coordinator was asked for). */
  readonly parallel: number;
  /** Runs a trial to its end; rejects only when the trial could not be run at all (a lost thread, a failed job). */
  run(task: TrialTask, hooks: PooledTrialHooks): Promise<TrialResult>;
}

/** Options for runSweep. */
export interface RunSweepOptions {
  readonly folder: SweepFolder;
  readonly executor: TrialExecutor;
  /** Monotonic clock (ms) for the sweep's elapsed time. */
  readonly now: () => number;
  /** Every sweep event, after it is appended to sweep.ndjson. */
  readonly onEvent?: (event: SweepEvent) => void;
}

/** How a sweep ended. */
export interface SweepOutcome {
  /** Every trial's result, by id. */
  readonly results: readonly TrialResult[];
  /** Best first (see rankTrials). */
  readonly ranked: readonly TrialResult[];
  readonly elapsedMs: number;
}

/** The task of a trial: its experiment per fold, the rungs and its folder. */
export function trialTask(definition: SweepDefinition, plan: TrialPlan, outDir: string): TrialTask {
  const { cv } = definition;
  const configs = cv === undefined ? [trialConfig(definition, plan)] : Array.from({ length: cv }, (_, i) => trialConfig(definition, plan, { index: i + 1, count: cv }));
  return { plan, configs, objective: definition.objective, rungs: definition.prune ? rungEpochs(definition.prune) : [], outDir };
}

/**
 * Runs every trial of a sweep folder that has no result yet (all of them, unless resumed) through `executor`,
 * and keeps the folder current: sweep.ndjson as events happen, result.json, trials.csv and best.json after each
 * trial. Rung questions are answered here, against lower trial ids only (see rungDecision), so the trials and
 * their numbers do not depend on how many run at once or where.
 */
export async function runSweep(options: RunSweepOptions): Promise<SweepOutcome> {
  const { folder, executor, now } = options;
  const { definition, trials, sweepId } = folder.manifest;
  const started = now();
  const results = folder.readResults();
  const emit = (event: SweepEvent) => {
    folder.log(event);
    options.onEvent?.(event);
  };
  const rungs = referee(definition, emit);
  for (const result of results.values()) rungs.ended(result);
  emit({
    type: 'sweepStart', name: definition.name, sweepId, trials: trials.length, objective: definition.objective, space: definition.space.map((s) => s.path),
    rungs: definition.prune ? rungEpochs(definition.prune) : [], maxEpochs: definition.prune?.maxEpochs ?? definition.base.epochs, cv: definition.cv ?? null,
    parallel: executor.parallel, runner: executor.label, resumed: [...results.keys()].sort((a, b) => a - b),
  });
  let saved = Promise.resolve();
  const finish = async (result: TrialResult) => {
    results.set(result.trial, result);
    // One save at a time, each with every result so far: a slow write can never put back an older trials.csv.
    const snapshot = [...results.values()];
    saved = saved.then(() => folder.saveResult(result, snapshot));
    await saved;
    emit({ type: 'trialEnd', trial: result.trial, params: result.params, status: result.status, objective: result.objective, objectiveStd: result.std?.objective ?? null, epochs: result.epochs, reason: result.reason ?? null, rungs: result.rungs, durationMs: result.durationMs });
    rungs.ended(result);
  };
  await Promise.all(trials.filter((plan) => !results.has(plan.trial)).map(async (plan) => {
    const result = await executor.run(trialTask(definition, plan, folder.trialDir(plan.trial)), {
      onStart: () => emit({ type: 'trialStart', trial: plan.trial, params: plan.params }),
      onEpoch: (epoch, value) => emit({ type: 'trialEpoch', trial: plan.trial, epoch, value }),
      decide: (rung) => rungs.ask(plan.trial, rung),
    }).catch((error: unknown) => lostTrial(plan, rungs.valuesOf(plan.trial), error));
    await finish(result);
  }));
  return outcome([...results.values()], definition, now() - started, emit);
}

// Answers rung questions as soon as the trials below have settled them (see rungDecision), and logs each verdict.
function referee(definition: SweepDefinition, emit: (event: SweepEvent) => void) {
  let table: RungTable = emptyRungTable();
  const waiting: { trial: number; rung: RungValue; resolve: (verdict: RungVerdict) => void }[] = [];
  const metric = `${definition.objective.split}.${definition.objective.metric}`;
  const answer = () => {
    for (const question of [...waiting]) {
      const decision = rungDecision(table, question.trial, question.rung.epoch, { mode: definition.objective.mode, reduction: definition.prune?.reduction ?? 2 });
      if (!decision) continue;
      waiting.splice(waiting.indexOf(question), 1);
      const message = `${metric} ${formatNumber(question.rung.value)} ${decision.promote ? 'is' : 'is not'} in the best ${decision.keep} of ${decision.of} at epoch ${question.rung.epoch} (rank ${decision.rank}, cutoff ${formatNumber(decision.cutoff)})`;
      emit({ type: 'trialRung', trial: question.trial, ...question.rung, decision: decision.promote ? 'continue' : 'prune', rank: decision.rank, of: decision.of, keep: decision.keep, cutoff: decision.cutoff, message });
      question.resolve(decision.promote ? { promote: true } : { promote: false, reason: `pruned at epoch ${question.rung.epoch}: ${message}` });
    }
  };
  return {
    ask: (trial: number, rung: RungValue) => new Promise<RungVerdict>((resolve) => {
      table = recordRung(table, trial, rung);
      waiting.push({ trial, rung, resolve });
      answer();
    }),
    ended(result: TrialResult) {
      table = recordEnd(result.rungs.reduce((t, rung) => recordRung(t, result.trial, rung), table), result.trial);
      answer();
    },
    valuesOf: (trial: number): readonly RungValue[] => table.values[trial] ?? [],
  };
}

function outcome(results: TrialResult[], definition: SweepDefinition, elapsedMs: number, emit: (event: SweepEvent) => void): SweepOutcome {
  const all = results.sort((a, b) => a.trial - b.trial);
  const ranked = rankTrials(all, definition.objective.mode);
  const counts = Object.fromEntries((['done', 'earlyStopped', 'pruned', 'diverged', 'failed'] as const).map((s) => [s, all.filter((r) => r.status === s).length])) as Record<TrialStatus, number>;
  const best = ranked[0]?.objective === null ? undefined : ranked[0];
  emit({ type: 'sweepEnd', trials: all.length, counts, best: best?.trial ?? null, bestObjective: best?.objective ?? null, elapsedMs });
  return { results: all, ranked, elapsedMs };
}

// A trial the executor could not run (its thread died, its job failed for good): failed, with the error.
function lostTrial(plan: TrialPlan, rungs: readonly RungValue[], error: unknown): TrialResult {
  return {
    trial: plan.trial, params: plan.params, status: 'failed', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    objective: null, metrics: {}, epochs: 0, rungs, folds: [], durationMs: 0,
  };
}
