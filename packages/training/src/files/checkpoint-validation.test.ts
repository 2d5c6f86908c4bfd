import { describe, expect, it } from '@jest/globals';
import { twoMoons } from '@clearprop/data';
import { createRng, tensor } from '@clearprop/tensor';
import { lastValueFrom, Subject, toArray } from 'rxjs';
import { resumePointFor, snapshotToCheckpoint } from '../checkpointing.ts';
import type { ControlCommand } from '../events.ts';
import type { OptimizerConfig, TrainSpec } from '../spec.ts';
import type { RunSnapshot } from '../run/snapshot.ts';
import { paramsOf, train } from '../train.ts';
import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from './checkpoint.ts';
import { ModelFileError } from './model-file-error.ts';
import type { ParamTree } from '@clearprop/nn';

const spec: TrainSpec = {
  model: { inputs: 2, layers: [{ units: 6, activation: 'tanh' }, { units: 2, activation: 'softmax' }] },
  loss: 'softmaxCrossEntropy',
  optimizer: { name: 'adam', lr: 0.02, clipNorm: 5 },
  train: twoMoons(30, { rng: createRng(1), noise: 0.1 }),
  epochs: 4,
  batchSize: 8, // 4 batches per epoch, the last of 6 rows
  seed: 3,
};

/** Runs `s` until batchEnd (epoch, batch), both 1-based, checkpoints through encode/decode, and stops. */
async function checkpointAt(s: TrainSpec, epoch: number, batch: number): Promise<Checkpoint> {
  const control$ = new Subject<ControlCommand>();
  let checkpoint: Checkpoint | undefined;
  const writeCheckpoint = async (snapshot: RunSnapshot) => {
    checkpoint = decodeCheckpoint(encodeCheckpoint(snapshotToCheckpoint(snapshot, s)));
    return 'memory';
  };
  // train() is cold: one subscription is one run, so watch and wait through the same one.
  await new Promise<void>((resolve, reject) => {
    train(s, { control$, writeCheckpoint }).subscribe({
      next(e) {
        if (e.type === 'batchEnd' && e.epoch === epoch && e.batch === batch) {
          control$.next({ type: 'checkpoint' });
          control$.next({ type: 'stop' });
        }
      },
      complete: resolve,
      error: reject,
    });
  });
  if (!checkpoint) throw new Error('no checkpoint written');
  return checkpoint;
}

/** The message of the ModelFileError resumePointFor throws for `checkpoint` against `s`. */
function rejection(checkpoint: Checkpoint, s: TrainSpec = spec): string {
  try {
    resumePointFor(checkpoint, s, 'ck.safetensors');
  } catch (error) {
    if (error instanceof ModelFileError) return error.message;
    throw error;
  }
  throw new Error('expected resumePointFor to throw');
}

const withTrainer = (c: Checkpoint, changes: Record<string, unknown>): Checkpoint => ({ ...c, trainerState: { ...(c.trainerState as object), ...changes } });

describe('F6: resumePointFor / validateCheckpoint', () => {
  it('accepts real checkpoints mid-epoch and after an epoch\'s last batch, and the resumed run ends like an uninterrupted one', async () => {
    const full = await lastValueFrom(train(spec).pipe(toArray()));
    for (const [epoch, batch] of [[2, 2], [3, 4]]) {
      const checkpoint = await checkpointAt(spec, epoch, batch);
      const resumed = await lastValueFrom(train(spec, { resumeFrom: resumePointFor(checkpoint, spec) }).pipe(toArray()));
      const [a, b] = [full.at(-1), resumed.at(-1)];
      if (a?.type !== 'runEnd' || b?.type !== 'runEnd') throw new Error('no runEnd');
      expect(paramsOf(b)).toEqual(paramsOf(a));
    }
  });

  it.each([
    [{ lrMultiplier: -1e6 }, 'metadata "trainer".lrMultiplier is -1000000; it must be a finite number > 0'],
    [{ lrMultiplier: 0 }, 'metadata "trainer".lrMultiplier is 0; it must be a finite number > 0'],
    [{ batchIndex: 1e6 }, 'metadata "trainer".batchIndex is 1000000; it must be an integer in [0, 4] (batches per epoch)'],
    [{ batchIndex: 1.5 }, 'metadata "trainer".batchIndex is 1.5; it must be an integer in [0, 4] (batches per epoch)'],
    [{ batchIndex: null }, 'metadata "trainer".batchIndex is null; it must be an integer in [0, 4] (batches per epoch)'],
    [{ batchIndex: -3 }, 'metadata "trainer".batchIndex is -3; it must be an integer in [0, 4] (batches per epoch)'],
    [{ epochLossSum: -1 }, 'metadata "trainer".epochLossSum is -1; it must be a finite number ≥ 0'],
    [{ epochLossSum: '0' }, 'metadata "trainer".epochLossSum is "0"; it must be a finite number ≥ 0'],
    [{ epochRows: 7 }, 'metadata "trainer".epochRows is 7; it must be 8 (the rows of 1 batches of 8)'],
    [{ epochWeightSum: -2 }, 'metadata "trainer".epochWeightSum is -2; it must be a finite number ≥ 0'],
    [{ epochUnweightedSum: 'x' }, 'metadata "trainer".epochUnweightedSum is "x"; it must be a finite number ≥ 0'],
    [{ epochPenaltySum: null }, 'metadata "trainer".epochPenaltySum is null; it must be a finite number ≥ 0'],
    [{ dropoutRng: [1, 2, 3] }, 'metadata "trainer".dropoutRng is [1,2,3]; it must be four uint32 words (an RNG state)'],
    [{ dropoutRng: [1, 2, 3, -4] }, 'metadata "trainer".dropoutRng is [1,2,3,-4]; it must be four uint32 words (an RNG state)'],
  ])('trainer state %j', async (changes, expected) => {
    const checkpoint = await checkpointAt(spec, 1, 1);
    expect(rejection(withTrainer(checkpoint, changes))).toBe(`ck.safetensors: ${expected}`);
  });

  it('a trainer state that is not an object', async () => {
    const checkpoint = await checkpointAt(spec, 1, 1);
    expect(rejection({ ...checkpoint, trainerState: 'x' })).toBe('ck.safetensors: metadata "trainer" is not an object with batchIndex, lrMultiplier, epochLossSum and epochRows');
  });

  it('another architecture (F3: resume of a checkpoint for another network)', async () => {
    const checkpoint = await checkpointAt(spec, 1, 2);
    const wider = { ...spec, model: { inputs: 2, layers: [{ units: 7, activation: 'tanh' as const }, { units: 2, activation: 'softmax' as const }] } };
    expect(rejection(checkpoint, wider)).toBe('ck.safetensors: checkpoint holds a 2-6-2 (tanh, softmax) network, the run builds 2-7-2 (tanh, softmax)');
  });

  it.each<[OptimizerConfig, string]>([
    [{ name: 'sgd', lr: 0.1 }, 'optimizer state optimizer: has 3 entries, expected 1 (the run\'s optimizer is sgd)'],
    [{ name: 'adam', lr: 0.02 }, 'optimizer state optimizer: has 3 entries, expected 2 (the run\'s optimizer is adam)'],
    [{ name: 'sgd', lr: 0.1, momentum: 0.9, clipNorm: 5 }, 'optimizer state optimizer.1: has keys [count, mu, nu], expected [trace] (the run\'s optimizer is sgd)'],
  ])('another optimizer (F3): %j', async (optimizer, expected) => {
    const checkpoint = await checkpointAt(spec, 1, 2);
    expect(rejection(checkpoint, { ...spec, optimizer })).toBe(`ck.safetensors: ${expected}`);
  });

  it('an Adam moment of the wrong shape or dtype, a negative second moment, a counter off the step', async () => {
    const checkpoint = await checkpointAt(spec, 2, 3);
    const state = checkpoint.optimizerState as readonly ParamTree[];
    const adam = state[1] as { readonly count: ReturnType<typeof tensor>; readonly mu: readonly { readonly weight: ReturnType<typeof tensor> }[]; readonly nu: readonly { readonly weight: ReturnType<typeof tensor>; readonly bias: ReturnType<typeof tensor> }[] };
    const replaceAdam = (changes: object): Checkpoint => ({ ...checkpoint, optimizerState: [state[0], { ...adam, ...changes }, state[2]] });
    const w = adam.mu[0].weight;
    const transposed = replaceAdam({ mu: [{ ...adam.mu[0], weight: tensor(w.data, [w.shape[1], w.shape[0]]) }, adam.mu[1]] });
    expect(rejection(transposed)).toBe('ck.safetensors: optimizer state optimizer.1.mu.0.weight: has shape [2, 6], expected [6, 2] (the run\'s optimizer is adam)');
    const wide = replaceAdam({ mu: [{ ...adam.mu[0], weight: tensor(w.data, w.shape, { dtype: 'float64' }) }, adam.mu[1]] });
    expect(rejection(wide)).toBe('ck.safetensors: optimizer state optimizer.1.mu.0.weight: is float64, expected float32 (the run\'s optimizer is adam)');
    const negative = adam.nu[1].bias.data.slice();
    negative[0] = -1;
    expect(rejection(replaceAdam({ nu: [adam.nu[0], { ...adam.nu[1], bias: tensor(negative, [2]) }] }))).toBe(
      'ck.safetensors: optimizer state optimizer.1.nu.1.bias: holds a negative second moment (the run\'s optimizer is adam)',
    );
    expect(rejection(replaceAdam({ count: tensor([99], [1], { dtype: 'float64' }) }))).toBe(
      `ck.safetensors: optimizer state optimizer.1.count: counts 99 updates but the checkpoint's step is ${checkpoint.step} (the run's optimizer is adam)`,
    );
    const nan = adam.mu[0].weight.data.slice();
    nan[3] = Number.NaN;
    expect(rejection(replaceAdam({ mu: [{ ...adam.mu[0], weight: tensor(nan, w.shape) }, adam.mu[1]] }))).toMatch(/^ck\.safetensors: optimizer state optimizer\.1\.mu\.0\.weight holds NaN at flat index 3/);
  });
});
