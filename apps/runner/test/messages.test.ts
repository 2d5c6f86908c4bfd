import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { runCli } from '../src/cli.ts';
import { ROOT, tempDir, writeFiles } from './cli-harness.ts';
import { fakeIo } from './fake-io.ts';

// In-process runs of the real CLI (same runCli as bin/clearprop) on a 1-epoch xor model.
let dir = '';
const run = async (args: string[]) => {
  const io = fakeIo(dir);
  return { code: await runCli(args, io), stdout: io.out(), stderr: io.err() };
};

beforeAll(async () => {
  dir = tempDir();
  const spec = { inputs: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 2, activation: 'softmax' }] };
  writeFiles(dir, { 'one.csv': 'a,b,label\n0,1,1\n', 'narrow.csv': 'a,label\n0,1\n', 'spec.json': JSON.stringify(spec) });
  expect((await run(['train', '--preset', 'xor', '--epochs', '1', '--out-dir', 'run', '-q'])).code).toBe(0);
  expect((await run(['convert', join('run', 'model.safetensors'), 'weights.npz'])).code).toBe(0);
});

describe('runner messages', () => {
  it('counts agree with their nouns: 1 epoch, 1 step, 1 row, 1 feature column, 1 input', async () => {
    const trained = await run(['train', '--preset', 'xor', '--epochs', '1', '--out-dir', 'again']);
    expect(trained.stdout).toMatch(/^xor: completed after 1 epoch \(1 step\) in /);
    expect(trained.stderr).toMatch(/2-8-2 tanh\/softmax \(42 parameters\), classification, 4 train rows, 0 validation rows, 1 epoch × 1 batch of 4/);
    expect((await run(['eval', '--model', join('run', 'model.safetensors'), '--data', 'one.csv'])).stdout).toMatch(/^classification on 1 row of one\.csv: loss /);
    expect((await run(['inspect', join('run', 'model.safetensors')])).stdout).toContain('adam lr 0.05, 1 epoch, batch 4, seed 1');
    expect((await run(['gradcheck', '--preset', 'xor', '--rows', '1'])).stdout).toContain('xor: 2-8-2 tanh/softmax, softmaxCrossEntropy, 1 row\n');
    // A weights-only model with a bare JSON spec has no column names to compare, so the count is checked: 1 column, 2 inputs.
    const narrow = await run(['eval', '--model', 'weights.npz', '--spec', 'spec.json', '--data', 'narrow.csv']);
    expect(narrow.stderr).toMatch(/narrow\.csv: 1 feature column, the model takes 2 inputs\n$/);
  });

  it('a weights-only file without --spec is an input error that names the --spec flag, not the library option', async () => {
    const torch = join(ROOT, 'packages/training/test-fixtures/torch_3-5-4-2_tanh_relu_identity.safetensors');
    for (const args of [
      ['convert', 'weights.npz', 'back.safetensors'], ['inspect', 'weights.npz'], ['eval', '--model', 'weights.npz', '--data', 'one.csv'],
      ['predict', '--model', 'weights.npz', '--data', 'one.csv'], ['inspect', torch],
    ]) {
      const r = await run(args);
      expect({ args, code: r.code }).toEqual({ args, code: 1 });
      expect(r.stderr).toMatch(/^error: .*(weights\.npz: \.npz files hold only weights|\.safetensors: holds only tensors .*); pass its architecture with --spec <file> \(a JSON model spec, or a clearprop \.safetensors model of the same architecture\)\n$/);
      expect(r.stderr).not.toContain('options.spec');
    }
  });

  it('config mistakes name the file and the field, on one line, exit 1 (#11 F11, F12)', async () => {
    const config = (change: Record<string, unknown>) => JSON.stringify({
      data: { train: 'one.csv', task: 'classification' }, model: { layers: [{ units: 2, activation: 'softmax' }] },
      loss: 'softmaxCrossEntropy', optimizer: { name: 'adam', lr: 0.01 }, batchSize: 4, epochs: 1, seed: 1, ...change,
    });
    writeFiles(dir, {
      'wide.json': config({ model: { layers: [{ units: 3, activation: 'softmax' }] } }),
      'dup.json': config({}).replace('"seed":1', '"seed":1,\n"seed":2'),
      'momentum.json': config({ optimizer: { name: 'adam', lr: 0.01, momentum: 0.9 } }),
    });
    const cases: [string, string][] = [
      ['wide.json', `${join(dir, 'wide.json')}: model.layers[0].units is 3, but the training data has 2 target columns (one per class)`],
      ['dup.json', `${join(dir, 'dup.json')}: seed: line 2: duplicate key "seed" (first on line 1); each key may appear once`],
      ['momentum.json', `${join(dir, 'momentum.json')}: optimizer.momentum: "adam" does not use momentum`],
    ];
    for (const [file, message] of cases) {
      const r = await run(['train', '-c', file, '-q', '--out-dir', 'never']);
      expect({ file, code: r.code }).toEqual({ file, code: 1 });
      expect(r.stderr).toContain(`error: ${message}`);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('a model over the size limits fails before allocating, naming the field and the override; --max-parameters raises it (#11 F4)', async () => {
    writeFiles(dir, {
      'huge.json': JSON.stringify({
        data: { builtin: 'xor' }, model: { layers: [{ units: 10_000_000, activation: 'tanh' }, { units: 2, activation: 'softmax' }] },
        loss: 'softmaxCrossEntropy', optimizer: { name: 'adam', lr: 0.01 }, batchSize: 4, epochs: 1, seed: 1,
      }),
    });
    for (const args of [['train', '-c', 'huge.json', '--out-dir', 'never'], ['gradcheck', '-c', 'huge.json']]) {
      const r = await run(args);
      expect({ args, code: r.code }).toEqual({ args, code: 1 });
      expect(r.stderr).toBe(`error: ${join(dir, 'huge.json')}: model.layers[0].units is 10000000, over the limit of 100000 units per layer; raise model.maxUnits to allow it\n`);
    }
    const small = await run(['train', '--preset', 'xor', '--epochs', '1', '--max-parameters', '41', '--out-dir', 'never']);
    expect(small.stderr).toBe('error: preset xor: the model has 42 parameters, over the limit of 41; raise model.maxParameters (or --max-parameters) to allow it\n');
    expect((await run(['train', '--preset', 'xor', '--epochs', '1', '--max-parameters', '42', '--out-dir', 'fits', '-q'])).code).toBe(0);
    expect((await run(['train', '--max-parameters', '0'])).code).toBe(2);
  });
});
