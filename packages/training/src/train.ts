import { permutationInto, type Dataset } from '@clearprop/data';
import { treeClone, type ModelParams, type Workspace } from '@clearprop/nn';
import { merge, Observable, Subject, type Subscription } from 'rxjs';
import { trainBatch, trainBatchInspecting } from './engine/engine.ts';
import { diagnoseDivergence } from './engine/diagnose.ts';
import { gradientStats, withUpdateRatios } from './engine/layer-stats.ts';
import type { ControlCommand, EndReason, Metrics, RunState, TrainingEvent } from './events.ts';
import { evaluateWith, evaluationWorkspace } from './metrics/evaluate.ts';
import { schedule } from './macrotask.ts';
import { checkSpec, copyParams, defaultKernels, loadBatch, setupRun, type ResumePoint } from './run-setup.ts';
import { snapshotGrid, snapshotEvents } from './snapshots.ts';
import type { TrainOptions, TrainSpec } from './spec.ts';

/** Turns the event stream of a run into commands for it (earlyStopping, reduceLrOnPlateau, or your own). */
export type Controller = (events$: Observable<TrainingEvent>) => Observable<ControlCommand>;

/** Extra inputs of a run: steering and resuming. */
export interface RunOptions extends TrainOptions {
  /** Commands from the caller (a UI, a signal handler); honoured at the next batch boundary and echoed as `control` events. */
  readonly control$?: Observable<ControlCommand>;
  /** Stream-level features fed by this run's own events. */
  readonly controllers?: readonly Controller[];
  /** Continue from a checkpoint or start from given weights (`--init`). */
  readonly resumeFrom?: ResumePoint;
  /** Writes a checkpoint for a `checkpoint` command; returns the path written. Injected so the loop stays IO-free. */
  readonly writeCheckpoint?: (snapshot: RunSnapshot, path?: string) => Promise<string>;
}

/** The full resumable state of a run at a batch boundary (weights and optimizer state are copies). */
export interface RunSnapshot extends Required<Omit<ResumePoint, 'optState'>> {
  readonly optState: NonNullable<ResumePoint['optState']>;
}

/** The trained weights of a finished run: attached to `runEnd` as a non-enumerable `params`, so JSON skips it. */
export function paramsOf(event: Extract<TrainingEvent, { type: 'runEnd' }>): ModelParams | undefined {
  return (event as { params?: ModelParams }).params;
}

const MAX_CLOCK_STRIDE = 256;

/**
 * Trains `spec` as a **cold** stream of events: each subscription starts an independent run from `spec.seed`;
 * unsubscribing stops it at the next batch boundary and drops its buffers. Share one run with `share()`.
 * The loop yields to the event loop every `yieldEveryMs`, so a UI in the same process stays responsive.
 * @example
 * const losses: number[] = [];
 * train(spec).pipe(ofType('epochEnd')).subscribe((e) => losses.push(e.trainLoss));
 */
export function train(spec: TrainSpec, options: RunOptions = {}): Observable<TrainingEvent> {
  checkSpec(spec); // bad specs fail at the call, not inside a subscription
  return new Observable<TrainingEvent>((subscriber) => {
    const now = options.now ?? (() => performance.now());
    const setup = setupRun(spec, options.kernels ?? defaultKernels(), options.resumeFrom);
    const { engine, model, batchesPerEpoch } = setup;
    const events$ = new Subject<TrainingEvent>();
    const commands: ControlCommand[] = [];
    const yieldEveryMs = options.yieldEveryMs ?? 16;
    const batchEvents = options.batchEvents ?? true;
    const statsEvery = options.statsEvery ?? 0;
    // Batches between clock reads: doubled while reads come much faster than the yield interval (tiny nets take
    // ~1 µs a batch, a clock read ~50 ns), halved when they come slowly, so yields stay on time either way.
    let clockStride = 1;
    const snapshotEvery = options.snapshotEvery ?? Math.max(1, Math.floor(spec.epochs / 100));
    const grid = snapshotGrid(spec, model);
    const r = options.resumeFrom;
    let epoch = r?.epoch ?? 0;
    let batch = r?.batchIndex ?? 0;
    let step = r?.step ?? 0;
    // Σ loss·rows in a buffer: a double `let` in a closure's context is re-boxed (allocated) on every write.
    const epochLoss = Float64Array.of(r?.epochLossSum ?? 0);
    let epochRows = r?.epochRows ?? 0;
    let epochRngState = setup.shuffleRng.state();
    let epochOpen = false;
    let state: RunState = 'running';
    let stopReason: EndReason | null = null;
    let busy = false;
    let scheduled = false;
    let closed = false;
    let best: { params: ModelParams; epoch: number; monitor: string; value: number; restoreAtEnd: boolean } | null = null;
    const lastGood = treeClone(engine.params);
    const started = now();
    let epochStarted = started;

    const emit = (event: TrainingEvent): void => {
      subscriber.next(event);
      events$.next(event);
    };
    const learningRate = () => setup.optimizer.schedule(step) * setup.lr.multiplier;
    const snapshot = (): RunSnapshot => ({
      params: treeClone(engine.params), optState: treeClone(engine.optState), rngState: epochOpen ? epochRngState : setup.shuffleRng.state(), epoch, step,
      batchIndex: epochOpen ? batch : 0, lrMultiplier: setup.lr.multiplier, epochLossSum: epochLoss[0], epochRows,
    });
    const echo = (command: ControlCommand['type']) => emit({ type: 'control', command, epoch, step, state, learningRate: learningRate() });

    const handle = async (command: ControlCommand): Promise<void> => {
      switch (command.type) {
        case 'pause': state = 'paused'; echo('pause'); return;
        case 'resume': state = 'running'; echo('resume'); return;
        case 'stop': stopReason ??= 'stopped'; state = 'stopped'; echo('stop'); return;
        case 'setLearningRate': {
          const base = setup.optimizer.schedule(step);
          if (base > 0 && Number.isFinite(command.lr) && command.lr >= 0) setup.lr.multiplier = command.lr / base;
          echo('setLearningRate');
          return;
        }
        case 'checkpoint': {
          if (!options.writeCheckpoint) return;
          const path = await options.writeCheckpoint(snapshot(), command.path);
          emit({ type: 'checkpoint', epoch, step, path, reason: 'requested' });
          return;
        }
        case 'markBest':
          best ??= { params: treeClone(engine.params), epoch: 0, monitor: '', value: 0, restoreAtEnd: false };
          copyParams(engine.params, best.params);
          Object.assign(best, { epoch: epoch - 1, monitor: command.monitor, value: command.value, restoreAtEnd: command.restoreAtEnd });
          return;
        case 'earlyStop':
          stopReason ??= 'earlyStopped';
          emit({ type: 'earlyStop', epoch: epoch - 1, monitor: command.monitor, best: command.best, bestEpoch: command.bestEpoch });
          return;
      }
    };

    let evalWs: Workspace | undefined;
    const evaluate = (data: Dataset) => {
      evalWs ??= evaluationWorkspace(model);
      return evaluateWith(evalWs, { model, params: engine.params, loss: engine.loss, data, kernels: engine.kernels });
    };
    const finalMetrics = () => {
      const m = (ds: Dataset | undefined): Metrics | undefined => (ds && ds.length > 0 ? evaluate(ds).metrics : undefined);
      const out: { train?: Metrics; validation?: Metrics; test?: Metrics } = {};
      const splits = options.finalMetrics ?? ['train', 'validation', 'test'];
      for (const [k, ds] of [['train', spec.train], ['validation', spec.validation], ['test', spec.test]] as const) {
        if (!splits.includes(k)) continue;
        const v = m(ds);
        if (v) out[k] = v;
      }
      return out;
    };

    const finish = (reason: EndReason): void => {
      if (best?.restoreAtEnd && reason !== 'diverged') {
        copyParams(best.params, engine.params);
        emit({ type: 'restoredBest', epoch, bestEpoch: best.epoch, monitor: best.monitor, best: best.value });
      }
      state = 'done';
      const end = { type: 'runEnd', reason, epochs: epoch, steps: step, bestEpoch: best?.epoch ?? null, final: finalMetrics(), elapsedMs: now() - started } as const;
      Object.defineProperty(end, 'params', { value: treeClone(engine.params), enumerable: false });
      emit(end);
      closed = true;
      subscriber.complete();
    };

    const endEpoch = (): void => {
      const validation = spec.validation && spec.validation.length > 0 ? evaluate(spec.validation) : undefined;
      const trainLoss = epochLoss[0] / Math.max(epochRows, 1);
      const t = now();
      emit({
        type: 'epochEnd', epoch, trainLoss, train: { loss: trainLoss }, ...(validation ? { validation: validation.metrics } : {}),
        learningRate: learningRate(), elapsedMs: t - started, epochMs: t - epochStarted,
      });
      if ((epoch + 1) % snapshotEvery === 0 || epoch + 1 === spec.epochs) for (const e of snapshotEvents(spec, setup, grid, epoch, validation)) emit(e);
      epoch += 1;
      batch = 0;
      epochLoss[0] = 0;
      epochRows = 0;
      epochOpen = false;
    };

    // The epoch's row order: remembers the RNG state first, so a checkpoint can rebuild exactly this order.
    const orderEpoch = (): void => {
      epochRngState = setup.shuffleRng.state();
      if (spec.shuffle ?? true) permutationInto(setup.shuffleRng, setup.order);
      else for (let i = 0; i < setup.order.length; i++) setup.order[i] = i;
    };

    const runBatch = (): boolean => {
      // Per-batch work is only what the options ask for: no clock read or learning-rate evaluation without batchEnd.
      const t0 = batchEvents ? now() : 0;
      const rows = loadBatch(setup, spec.train, batch);
      const statsDue = batch + 1 === batchesPerEpoch || (statsEvery > 0 && (step + 1) % statsEvery === 0);
      // Both update only on a finite loss; layer stats read the gradients before the update, the others may fuse it.
      const stats = statsDue ? trainBatchInspecting(engine, rows, gradientStats) : null;
      if (!statsDue) trainBatch(engine, rows);
      const loss = engine.ws.loss[0];
      if (!Number.isFinite(loss)) {
        const diagnosis = diagnoseDivergence(engine, rows, learningRate());
        const action = options.onDivergence === 'rollback' ? 'rolledBack' : 'stopped';
        if (action === 'rolledBack') copyParams(lastGood, engine.params);
        emit({ type: 'divergence', epoch, step, loss, ...diagnosis, action });
        stopReason = 'diverged';
        return false;
      }
      const lr = batchEvents ? learningRate() : 0;
      step += 1;
      epochLoss[0] += loss * rows;
      epochRows += rows;
      if (batchEvents) emit({ type: 'batchEnd', epoch, batch, step, loss, learningRate: lr, samplesPerSecond: rows / Math.max((now() - t0) / 1000, 1e-9) });
      if (stats) emit({ type: 'layerStats', epoch, step, layers: withUpdateRatios(stats, engine.ws.grads) });
      batch += 1;
      return true;
    };

    const tick = async (): Promise<void> => {
      scheduled = false;
      if (busy || closed) return;
      busy = true;
      let lastRead = now();
      const deadline = lastRead + yieldEveryMs;
      let countdown = clockStride;
      try {
        while (!closed) {
          while (commands.length > 0 && !closed) await handle(commands.shift() as ControlCommand);
          if (closed) return;
          if (stopReason) return finish(stopReason);
          if (state === 'paused') return;
          if (epoch >= spec.epochs) return finish('completed');
          if (!epochOpen) {
            orderEpoch();
            copyParams(engine.params, lastGood);
            epochOpen = true;
            epochStarted = now();
            emit({ type: 'epochStart', epoch });
          }
          if (batch < batchesPerEpoch) runBatch();
          else endEpoch();
          if (--countdown > 0) continue;
          const t = now();
          clockStride = t - lastRead < yieldEveryMs / 32 ? Math.min(clockStride * 2, MAX_CLOCK_STRIDE) : Math.max(clockStride >> 1, 1);
          countdown = clockStride;
          lastRead = t;
          if (t >= deadline) break;
        }
      } catch (error) {
        closed = true;
        subscriber.error(error);
        return;
      } finally {
        busy = false;
      }
      wake();
    };
    const wake = (): void => {
      if (scheduled || closed || busy) return;
      scheduled = true;
      schedule(() => void tick());
    };

    const inputs: Subscription = merge(...(options.controllers ?? []).map((c) => c(events$)), options.control$ ?? []).subscribe((command) => {
      commands.push(command);
      if (state === 'paused' || commands.length === 1) wake();
    });
    emit({
      type: 'runStart', name: spec.name ?? 'run', seed: spec.seed, architecture: model.describe(), model: spec.model, parameterCount: model.parameterCount,
      task: spec.train.task, epochs: spec.epochs, batchSize: setup.batchSize, batchesPerEpoch, trainSize: spec.train.length,
      validationSize: spec.validation?.length ?? 0, startEpoch: epoch,
      config: { loss: spec.loss, optimizer: spec.optimizer, epochs: spec.epochs, batchSize: spec.batchSize, seed: spec.seed, shuffle: spec.shuffle ?? true, ...(spec.extra ?? {}) },
    });
    if (r?.rngState && r.batchIndex && r.batchIndex > 0) {
      // Resuming mid-epoch: rebuild this epoch's order from the RNG state saved at its start.
      orderEpoch();
      epochOpen = true;
      emit({ type: 'epochStart', epoch });
    }
    wake();
    return () => {
      closed = true;
      inputs.unsubscribe();
      events$.complete();
    };
  });
}
