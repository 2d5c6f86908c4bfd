import { join } from 'node:path';
import type { TrainingEvent } from '../../events.ts';
import type { ExperimentConfig } from '../../experiments/types.ts';
import { startSession, type Session } from '../../session/session.ts';
import { trialResult } from '../aggregate.ts';
import type { FoldResult, Objective, RungValue, TrialPlan, TrialResult, TrialStatus } from '../types.ts';

/** Everything a trial needs, as plain data (it crosses thread and machine boundaries). */
export interface TrialTask {
  readonly plan: TrialPlan;
  /** One experiment per fold (one without cross-validation), data paths absolute. */
  readonly configs: readonly ExperimentConfig[];
  readonly objective: Objective;
  /** Epochs at which the trial asks whether to go on (successive halving); empty without pruning. */
  readonly rungs: readonly number[];
  /** The trial's folder: its run folder, or one `fold-<i>` folder per fold. */
  readonly outDir: string;
}

/** A rung verdict: go on, or stop here and why. */
export interface RungVerdict {
  readonly promote: boolean;
  readonly reason?: string;
}

/** How a running trial talks to its sweep. */
export interface TrialHooks {
  /** The objective after each epoch (mean over folds, once every running fold has finished that epoch). */
  onEpoch(epoch: number, value: number): void;
  /** Called at each rung with the objective there; the folds wait, paused, for the verdict. */
  decide(rung: RungValue): Promise<RungVerdict>;
  /** Monotonic clock (ms) for the trial's duration. */
  now(): number;
}

const STATUS: Record<string, TrialStatus> = { completed: 'done', earlyStopped: 'earlyStopped', diverged: 'diverged', stopped: 'pruned' };

/** The fold folders of a trial: the trial folder itself, or `fold-1` … `fold-k` inside it. */
export function foldDirs(outDir: string, folds: number): string[] {
  return folds === 1 ? [outDir] : Array.from({ length: folds }, (_, i) => join(outDir, `fold-${i + 1}`));
}

/**
 * Runs one trial: a library session per fold (all folds at once, interleaved on this thread), each writing its
 * run folder. At a rung every fold pauses after that epoch; once all running folds are there, `decide` gets the
 * mean objective, and the folds resume or stop together (a stop ends them as `pruned`). Never rejects for a bad
 * trial: an error becomes a `failed` fold with the error in its reason.
 */
export async function runTrial(task: TrialTask, hooks: TrialHooks): Promise<TrialResult> {
  const started = hooks.now();
  const dirs = foldDirs(task.outDir, task.configs.length);
  const sessions = await Promise.all(task.configs.map((config, i) => startSession({ experiment: config, outDir: dirs[i], batchEvents: false }).catch((error: unknown) => error as Error)));
  const live = sessions.filter((s): s is Session => !(s instanceof Error));
  const rungs: RungValue[] = [];
  let pruneReason: string | undefined;
  const sync = foldSync(live, task, hooks, async (rung) => {
    rungs.push(rung);
    const verdict = await hooks.decide(rung);
    if (!verdict.promote) pruneReason = verdict.reason;
    return verdict;
  });
  const folds = await Promise.all(sessions.map(async (session, i): Promise<FoldResult> => {
    if (session instanceof Error) return failedFold(i + 1, session);
    try {
      const { record } = await session.result;
      const final = record.runEnd.final as Record<string, Record<string, number> | undefined>;
      const metrics = Object.fromEntries(Object.entries(final).flatMap(([split, m]) => Object.entries(m ?? {}).map(([k, v]) => [`${split}.${k}`, v])));
      const status = STATUS[record.runEnd.reason];
      return { fold: i + 1, status, epochs: record.runEnd.epochs, metrics, ...(status === 'diverged' && record.divergence ? { reason: record.divergence.message } : {}) };
    } catch (error) {
      return failedFold(i + 1, error as Error);
    } finally {
      sync.ended(session);
    }
  }));
  return trialResult({ plan: task.plan, folds, rungs, durationMs: hooks.now() - started, ...(pruneReason === undefined ? {} : { pruneReason }) }, task.objective);
}

const failedFold = (fold: number, error: Error): FoldResult => ({ fold, status: 'failed', reason: `${error.name}: ${error.message}`, epochs: 0, metrics: {} });

// Keeps the folds in step: epoch means for the curve, and the pause–decide–resume barrier at each rung.
function foldSync(sessions: readonly Session[], task: TrialTask, hooks: TrialHooks, decide: (rung: RungValue) => Promise<RungVerdict>) {
  const running = new Set(sessions);
  const values = new Map<number, Map<Session, number>>();
  const key = task.objective;
  const atRung = new Set<Session>();
  let rungEpoch = 0;
  const settle = (epoch: number) => {
    const seen = values.get(epoch);
    if (!seen || [...running].some((s) => !seen.has(s))) return;
    const mean = [...seen.values()].reduce((a, b) => a + b, 0) / seen.size;
    values.delete(epoch);
    if (Number.isFinite(mean)) hooks.onEpoch(epoch, mean);
    if (!task.rungs.includes(epoch)) return;
    void decide({ epoch, value: mean }).then((verdict) => {
      for (const session of atRung) session.send({ type: verdict.promote ? 'resume' : 'stop' });
      atRung.clear();
    });
  };
  for (const session of sessions) {
    session.events$.subscribe((event: TrainingEvent) => {
      if (event.type !== 'epochEnd') return;
      const value = event[key.split]?.[key.metric as 'loss'] ?? Number.NaN;
      if (!values.has(event.epoch)) values.set(event.epoch, new Map());
      values.get(event.epoch)?.set(session, value);
      if (task.rungs.includes(event.epoch)) {
        // Applied before the next batch: the fold waits here, its weights as of this epoch, for the verdict.
        session.send({ type: 'pause' });
        atRung.add(session);
        rungEpoch = event.epoch;
      }
      settle(event.epoch);
    });
  }
  return {
    ended(session: Session | Error) {
      if (session instanceof Error || !running.delete(session)) return;
      // A fold that ended (early stop) no longer holds the others back.
      for (const epoch of [...values.keys()]) settle(epoch);
      if (rungEpoch > 0) settle(rungEpoch);
    },
  };
}
