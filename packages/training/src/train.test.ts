import { describe, expect, it } from '@jest/globals';
import { xor } from '@clearprop/data';
import { lastValueFrom, Subject, take, toArray } from 'rxjs';
import type { ControlCommand, TrainingEvent } from './events.ts';
import type { TrainSpec } from './spec.ts';
import { paramsOf, train } from './train.ts';

const spec: TrainSpec = {
  name: 'xor',
  model: { inputs: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 2, activation: 'softmax' }] },
  loss: 'softmaxCrossEntropy',
  optimizer: { name: 'adam', lr: 0.05 },
  train: xor(),
  epochs: 60,
  batchSize: 2,
  seed: 7,
};

// A fake clock so timings are deterministic too.
const fakeClock = () => {
  let t = 0;
  return () => (t += 1);
};
/** Lets the event loop run `n` setImmediate turns (the loop's own scheduling unit); no wall-clock wait. */
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};
const run = (s: TrainSpec = spec, options = {}) => lastValueFrom(train(s, { now: fakeClock(), ...options }).pipe(toArray()));
// Events as JSON, minus the wall-clock fields (the only part allowed to differ between identical runs).
const TIMINGS = new Set(['elapsedMs', 'epochMs', 'samplesPerSecond']);
const strip = (events: readonly TrainingEvent[]) => JSON.parse(JSON.stringify(events), (k, v) => (TIMINGS.has(k) ? undefined : v)) as TrainingEvent[];

/** Runs `spec`, sending `command` into control$ right after the batchEnd of `step`; resolves with every event. */
const steeredRun = (step: number, command: ControlCommand) => {
  const control$ = new Subject<ControlCommand>();
  const events: TrainingEvent[] = [];
  return new Promise<TrainingEvent[]>((resolve) => {
    train(spec, { control$ }).subscribe({
      next: (e) => {
        events.push(e);
        if (e.type === 'batchEnd' && e.step === step) control$.next(command);
      },
      complete: () => resolve(events),
    });
  });
};

describe('train() event stream', () => {
  it('follows the grammar runStart (epochStart batchEnd+ layerStats epochEnd confusionMatrix? boundary)* runEnd', async () => {
    const events = await run();
    const letters: Partial<Record<TrainingEvent['type'], string>> = { runStart: 'R', epochStart: 'S', batchEnd: 'B', layerStats: 'L', epochEnd: 'E', confusionMatrix: 'C', boundary: 'D', runEnd: 'Z' };
    // 60 epochs snapshot every epoch: (2 inputs, 2 classes) a boundary map after each; no validation set, so the
    // training set's confusion matrix after every 3rd (at most 20 a run).
    expect(events.map((e) => letters[e.type] ?? 'x').join('')).toMatch(/^R(SB+LEC?D)+Z$/);
    expect(events.filter((e) => e.type === 'confusionMatrix').map((e) => e.epoch)).toEqual(Array.from({ length: 20 }, (_, i) => 3 * (i + 1)));
    expect(events.filter((e) => e.type === 'epochEnd')).toHaveLength(60);
    expect(events.filter((e) => e.type === 'batchEnd')).toHaveLength(120);
  });

  it('learns XOR: loss falls and accuracy reaches 1', async () => {
    const events = await run();
    const losses = events.flatMap((e) => (e.type === 'epochEnd' ? [e.trainLoss] : []));
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 5);
    const end = events[events.length - 1];
    expect(end.type === 'runEnd' && end.final.train?.accuracy).toBe(1);
    expect(end.type === 'runEnd' && paramsOf(end)?.length).toBe(2);
  });

  it('is deterministic: same spec and seed ⇒ identical events apart from timings; two subscriptions are two identical runs', async () => {
    // A small boundary grid: the comparison stays quick and still covers the boundary maps.
    const events$ = train(spec, { now: fakeClock(), boundaryGrid: { width: 8, height: 4 } });
    const [a, b] = await Promise.all([lastValueFrom(events$.pipe(toArray())), lastValueFrom(events$.pipe(toArray()))]);
    expect(strip(a)).toEqual(strip(b));
    expect(strip(await run({ ...spec, seed: 8 }, { boundaryGrid: { width: 8, height: 4 } }))).not.toEqual(strip(a));
  });

  it('runs no batch after an unsubscription', async () => {
    // Every batch reads the clock (batchEnd timing), so clock reads count the batches the loop still runs.
    let reads = 0;
    const now = () => ++reads;
    const seen = await lastValueFrom(train(spec, { now }).pipe(take(10), toArray()));
    expect(seen[9].type).toBe('batchEnd');
    const atUnsubscribe = reads;
    await turns(20); // the loop runs in setImmediate turns: had it kept going, these would run batches
    expect(reads).toBe(atUnsubscribe);
    const after = await run();
    expect(after[after.length - 1].type).toBe('runEnd');
  });

  it('pause, resume and setLearningRate take effect at the next batch and are echoed; the paused run equals an uninterrupted one', async () => {
    const control$ = new Subject<ControlCommand>();
    const events: TrainingEvent[] = [];
    const done = new Promise<void>((resolve, reject) => {
      train(spec, { control$, now: fakeClock() }).subscribe({
        next: (e) => {
          events.push(e);
          if (e.type === 'batchEnd' && e.step === 5) control$.next({ type: 'pause' });
        },
        error: reject,
        complete: resolve,
      });
    });
    while (!events.some((e) => e.type === 'control')) await turns(1);
    const during = events.length;
    await turns(20); // a paused loop schedules nothing: no event in these turns
    expect(events.length).toBe(during);
    control$.next({ type: 'resume' });
    await done;
    const controls = events.filter((e) => e.type === 'control').map((e) => e.type === 'control' && e.command);
    expect(controls).toEqual(['pause', 'resume']);
    const pauseIndex = events.findIndex((e) => e.type === 'control');
    expect(events[pauseIndex - 1]).toMatchObject({ type: 'batchEnd', step: 5 });
    const withoutControl = strip(events.filter((e) => e.type !== 'control'));
    expect(withoutControl).toEqual(strip(await run()));
  });

  it('setLearningRate changes the learning rate reported by the next batch', async () => {
    const events = await steeredRun(3, { type: 'setLearningRate', lr: 0.2 });
    const lrs = events.flatMap((e) => (e.type === 'batchEnd' ? [e.learningRate] : []));
    expect(lrs[2]).toBeCloseTo(0.05, 12);
    expect(lrs[3]).toBeCloseTo(0.2, 12);
    expect(lrs[lrs.length - 1]).toBeCloseTo(0.2, 12);
  });

  it('stop ends the run at the next batch with reason stopped, echoing the new state', async () => {
    const events = await steeredRun(3, { type: 'stop' });
    expect(events.filter((e) => e.type === 'batchEnd').map((e) => e.type === 'batchEnd' && e.step)).toEqual([1, 2, 3]);
    expect(events.find((e) => e.type === 'control')).toMatchObject({ command: 'stop', state: 'stopped', step: 3, epoch: 2, batch: 1 });
    expect(events[events.length - 1]).toMatchObject({ type: 'runEnd', reason: 'stopped', epochs: 1, batch: 1, steps: 3 });
  });

  it('reports divergence with the layer and a likely cause, then ends with reason diverged', async () => {
    const events = await run({ ...spec, optimizer: { name: 'sgd', lr: 1e30 }, model: { inputs: 2, layers: [{ units: 8, activation: 'relu' }, { units: 2, activation: 'softmax' }] } });
    const divergence = events.find((e) => e.type === 'divergence');
    expect(divergence).toMatchObject({ type: 'divergence', cause: 'learningRateTooHigh', action: 'stopped' });
    expect(events[events.length - 1]).toMatchObject({ type: 'runEnd', reason: 'diverged' });
  });

  it('rejects a spec whose data does not fit the model, naming both widths', () => {
    expect(() => train({ ...spec, model: { inputs: 3, layers: [{ units: 2, activation: 'softmax' }] } })).toThrow('model.inputs is 3 but the training data has 2 feature columns');
  });
});
