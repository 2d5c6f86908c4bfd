import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequential } from '@clearprop/nn';
import { createRng } from '@clearprop/tensor';
import { buildExperiment, buildOptimizer, encodeCheckpoint, modelToSafetensors, presetConfig, type Checkpoint } from '@clearprop/training';
import { runCli } from '../src/cli.ts';
import { fakeIo } from './fake-io.ts';

const dir = mkdtempSync(join(tmpdir(), 'clearprop-hostile-'));
const config = { ...presetConfig('xor'), epochs: 2 };
const experiment = buildExperiment(config);
const model = sequential(experiment.spec.model);
const params = model.init(createRng(1));

/** A checkpoint of the xor preset at epoch 1, as `train` would write it, with `changes` applied. */
function checkpointFile(name: string, changes: Partial<Checkpoint> = {}): string {
  const optimizerState = buildOptimizer(experiment.spec.optimizer, 1, () => 1).transform.init(params);
  const checkpoint: Checkpoint = {
    model: { spec: experiment.spec.model, params, trainingConfig: config as unknown as Record<string, unknown> },
    optimizerState, rngState: [1, 2, 3, 4], epoch: 1, step: 0,
    trainerState: { batchIndex: 0, lrMultiplier: 1, epochLossSum: 0, epochRows: 0 },
    ...changes,
  };
  const path = join(dir, name);
  writeFileSync(path, encodeCheckpoint(checkpoint));
  return path;
}

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  const io = fakeIo(dir);
  return { code: await runCli(args, io), stderr: io.err() };
}

describe('train --resume validates the checkpoint against the run (F3, F6)', () => {
  it('a sound checkpoint resumes', async () => {
    const result = await run(['train', '--resume', checkpointFile('good.safetensors'), '--out-dir', join(dir, 'good'), '-q']);
    expect(result).toEqual({ code: 0, stderr: '' });
  });

  it.each<[string, Partial<Checkpoint>, string]>([
    ['lr.safetensors', { trainerState: { batchIndex: 0, lrMultiplier: -1e6, epochLossSum: 0, epochRows: 0 } }, 'metadata "trainer".lrMultiplier is -1000000; it must be a finite number > 0'],
    ['batch.safetensors', { trainerState: { batchIndex: -3, lrMultiplier: 1, epochLossSum: 0, epochRows: 0 } }, 'metadata "trainer".batchIndex is -3; it must be an integer in [0, 1] (batches per epoch)'],
    ['trainer.safetensors', { trainerState: 'x' }, 'metadata "trainer" is not an object'],
    ['sgd.safetensors', { optimizerState: [{ count: { shape: [1], dtype: 'float64', data: new Float64Array(1) } }] as never }, 'optimizer state optimizer: has 1 entries, expected 2'],
  ])('%s', async (name, changes, expected) => {
    const path = checkpointFile(name, changes);
    const result = await run(['train', '--resume', path, '--out-dir', join(dir, name), '-q']);
    expect(result.code).toBe(1);
    expect(result.stderr.startsWith(`error: ${path}: ${expected}`)).toBe(true);
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).not.toMatch(/internal error|diverg|Cannot read/);
  });

  it('another architecture than the stored config builds', async () => {
    const other = { inputs: 2, layers: [{ units: 3, activation: 'tanh' as const }, { units: 2, activation: 'softmax' as const }] };
    const otherParams = sequential(other).init(createRng(2));
    const path = checkpointFile('arch.safetensors', {
      model: { spec: other, params: otherParams, trainingConfig: config as unknown as Record<string, unknown> },
      optimizerState: buildOptimizer(experiment.spec.optimizer, 1, () => 1).transform.init(otherParams),
    });
    const result = await run(['train', '--resume', path, '--out-dir', join(dir, 'arch'), '-q']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*arch\.safetensors: checkpoint holds a 2-3-2 \(tanh, softmax\) network, the run builds 2-8-2/);
  });
});

describe('eval, predict and inspect validate model metadata (F3)', () => {
  const csv = join(dir, 'xor.csv');
  writeFileSync(csv, 'x0,x1,label\n0,1,1\n1,1,0\n');
  const modelFile = (name: string, extra: Record<string, string>, normalization?: Record<string, unknown>): string => {
    const path = join(dir, name);
    writeFileSync(path, modelToSafetensors({ spec: experiment.spec.model, params, extra, ...(normalization ? { normalization } : {}) }));
    return path;
  };
  it.each<[string, Record<string, string>, Record<string, unknown> | undefined, string]>([
    ['d1.safetensors', { dataset: '{}' }, undefined, 'metadata "dataset".task: Invalid option'],
    ['d2.safetensors', { dataset: '"5"' }, undefined, 'metadata "dataset": Invalid input: expected object, received string'],
    ['d3.safetensors', { dataset: '{"task":"classification","featureNames":5,"targetNames":["label"],"classLabels":["0","1"]}' }, undefined, 'metadata "dataset".featureNames: Invalid input: expected array, received number'],
    ['n1.safetensors', {}, {}, 'metadata "normalization".kind: Invalid discriminator value'],
  ])('%s', async (name, extra, normalization, expected) => {
    const path = modelFile(name, extra, normalization);
    for (const args of [['eval', '-m', path, '-d', csv], ['predict', '-m', path, '-d', csv], ['inspect', path]]) {
      const result = await run(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`error: ${path}: ${expected}`);
      expect(result.stderr.split('\n').length).toBe(2);
    }
  });
});

describe('predict ignores target values the model does not know (F16)', () => {
  it('a class label 5 for a 2-class model: predict writes predictions, eval names the cell', async () => {
    const path = join(dir, 'f16.safetensors');
    const dataset = JSON.stringify({ task: 'classification', featureNames: ['x0', 'x1'], targetNames: ['label'], classLabels: ['0', '1'] });
    writeFileSync(path, modelToSafetensors({ spec: experiment.spec.model, params, extra: { dataset } }));
    const csv = join(dir, 'f16.csv');
    writeFileSync(csv, 'x0,x1,label\n0,1,5\n1,1,0\n');
    const io = fakeIo(dir);
    expect(await runCli(['predict', '-m', path, '-d', csv], io)).toBe(0);
    expect(io.out().trim().split('\n')).toHaveLength(3);
    const evaluated = await run(['eval', '-m', path, '-d', csv]);
    expect(evaluated).toEqual({ code: 1, stderr: `error: ${csv}, line 2, column 3 ("label"): class label 5 is out of range for 2 classes (0…1)\n` });
  });
});

describe('NaN weights (F8)', () => {
  it('eval, predict and inspect reject them naming the tensor; inspect --allow-non-finite shows the model', async () => {
    const path = join(dir, 'nan.safetensors');
    const poisoned = params.map((p, i) => (i === 0 ? { ...p, bias: { ...p.bias, data: Float32Array.from(p.bias.data, (v, j) => (j === 2 ? Number.NaN : v)) } } : p));
    writeFileSync(path, modelToSafetensors({ spec: experiment.spec.model, params: poisoned }));
    const csv = join(dir, 'xor.csv');
    for (const args of [['eval', '-m', path, '-d', csv], ['predict', '-m', path, '-d', csv], ['inspect', path]]) {
      expect(await run(args)).toEqual({ code: 1, stderr: `error: ${path}: tensor layers.0.bias holds NaN at flat index 2; weights must be finite (allowNonFinite, or inspect --allow-non-finite, loads them for debugging)\n` });
    }
    const io = fakeIo(dir);
    expect(await runCli(['inspect', path, '--allow-non-finite', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ parameterCount: 42 });
  });
});
