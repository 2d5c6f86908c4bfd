import { describe, expect, it } from '@jest/globals';
import { twoMoons } from '@clearprop/data';
import { createRng } from '@clearprop/tensor';
import { lastValueFrom, Subject, toArray } from 'rxjs';
import { checkpointToResumePoint, snapshotToCheckpoint } from './checkpointing.ts';
import type { ControlCommand, TrainingEvent } from './events.ts';
import { decodeCheckpoint, encodeCheckpoint } from './files/index.ts';
import type { TrainSpec } from './spec.ts';
import type { RunSnapshot } from './run/snapshot.ts';
import { paramsOf, train } from './train.ts';

const spec: TrainSpec = {
  model: { inputs: 2, layers: [{ units: 8, activation: { name: 'prelu' } }, { units: 2, activation: 'softmax' }] },
  loss: 'softmaxCrossEntropy',
  optimizer: { name: 'adam', lr: 0.02, schedule: { name: 'cosine' } },
  train: twoMoons(60, { rng: createRng(1), noise: 0.1 }),
  epochs: 6,
  batchSize: 8,
  seed: 4,
};

const finalParams = (events: readonly TrainingEvent[]) => {
  const end = events[events.length - 1];
  if (end.type !== 'runEnd') throw new Error('no runEnd');
  return paramsOf(end);
};
const TIMINGS = new Set(['elapsedMs', 'epochMs', 'samplesPerSecond']);
const json = (events: readonly TrainingEvent[]) => JSON.parse(JSON.stringify(events), (k, v) => (TIMINGS.has(k) ? undefined : v)) as TrainingEvent[];

/** Runs until (epoch, batch), then checkpoints (encoded as safetensors bytes) and stops; returns the bytes. */
async function stopAt(epoch: number, batch: number): Promise<Uint8Array> {
  const control$ = new Subject<ControlCommand>();
  let bytes: Uint8Array | undefined;
  const writeCheckpoint = async (snapshot: RunSnapshot) => {
    bytes = encodeCheckpoint(snapshotToCheckpoint(snapshot, spec));
    return 'memory';
  };
  return new Promise<Uint8Array>((resolve) => {
    const sub = train(spec, { control$, writeCheckpoint }).subscribe((e) => {
      if (e.type === 'batchEnd' && e.epoch === epoch && e.batch === batch) {
        control$.next({ type: 'checkpoint' });
        control$.next({ type: 'stop' });
      }
      if (e.type === 'runEnd') {
        sub?.unsubscribe();
        resolve(bytes as Uint8Array);
      }
    });
  });
}

describe('checkpoint → resume', () => {
  it.each([
    // [label, epoch, batch of the stop, first epoch the resumed run finishes]
    ['mid-epoch', 3, 4, 3],
    ['at an epoch end', 4, 8, 5],
  ])('%s gives the same final weights and events as an uninterrupted run', async (_label, epoch, batch, firstResumed) => {
    const full = await lastValueFrom(train(spec).pipe(toArray()));
    const bytes = await stopAt(epoch, batch);
    const resumed = await lastValueFrom(train(spec, { resumeFrom: checkpointToResumePoint(decodeCheckpoint(bytes)) }).pipe(toArray()));
    const a = finalParams(full);
    const b = finalParams(resumed);
    // Both runs must have produced weights: comparing two undefineds would pass without proving anything.
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(b?.map((l) => Array.from(l.weight.data))).toEqual(a?.map((l) => Array.from(l.weight.data)));
    expect(b?.map((l) => Array.from(l.alpha?.data ?? []))).toEqual(a?.map((l) => Array.from(l.alpha?.data ?? [])));
    // Every epochEnd after the checkpoint matches the uninterrupted run exactly.
    const tailOf = (events: readonly TrainingEvent[]) => json(events).filter((e) => e.type === 'epochEnd' && e.epoch >= firstResumed);
    expect(tailOf(resumed).map((e) => e.type === 'epochEnd' && e.epoch)).toEqual(Array.from({ length: spec.epochs + 1 - firstResumed }, (_, i) => firstResumed + i));
    expect(tailOf(resumed)).toEqual(tailOf(full));
  });
});
