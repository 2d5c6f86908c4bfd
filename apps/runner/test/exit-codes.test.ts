import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { runCli } from '../src/cli.ts';
import { cli, ROOT, tempDir, wineFixtures, writeFiles } from './cli-harness.ts';
import { fakeIo } from './fake-io.ts';

const divergingConfig = {
  name: 'unscaled',
  data: { train: 'big.csv', target: 'y' },
  model: { layers: [{ units: 4, activation: 'identity' }, { units: 1, activation: 'identity' }] },
  loss: 'meanSquaredError',
  optimizer: { name: 'sgd', lr: 0.1 },
  batchSize: 50,
  epochs: 20,
  seed: 1,
};
const bigCsv = ['a,b,y', ...Array.from({ length: 50 }, (_, i) => `${(i * 37) % 1000 - 500},${(i * 91) % 1000 - 500},${i}`)].join('\n') + '\n';

describe('exit codes', () => {
  it('1: bad config, data or model file, with a message naming the file and the problem', async () => {
    const dir = wineFixtures(tempDir());
    const good = JSON.parse((await import('node:fs')).readFileSync(join(dir, 'wine.json'), 'utf8'));
    writeFiles(dir, {
      'bad-activation.json': JSON.stringify({ ...good, model: { layers: [{ units: 3, activation: 'relux' }] } }),
      'bad-optimizer.json': JSON.stringify({ ...good, optimizer: { name: 'adamax', lr: 0.1 } }),
      'typo.json': JSON.stringify({ ...good, epohcs: 3 }),
      'bad-csv.json': JSON.stringify({ ...good, data: { ...good.data, train: 'bad.csv', test: undefined } }),
      'bad.csv': 'sepal_length,sepal_width,petal_length,petal_width,label\n5.1,3.5,1.4,0.2,0\n4.9,three,1.4,0.2,0\n',
      'broken.safetensors': 'not a model',
      'not-json.json': '{ "data": ',
    });
    // Three real processes (config, data, model file); the other cases run in-process through the same runCli.
    const children = await Promise.all([
      cli(['train', '-c', 'bad-activation.json'], { cwd: dir }),
      cli(['train', '-c', 'bad-csv.json'], { cwd: dir }),
      cli(['eval', '--model', 'broken.safetensors', '--data', 'wine_test.csv'], { cwd: dir }),
    ]);
    const inProcess = async (args: string[]) => {
      const io = fakeIo(dir);
      return { code: await runCli(args, io), stderr: io.err() };
    };
    const results = [
      children[0],
      await inProcess(['train', '-c', 'bad-optimizer.json']),
      await inProcess(['train', '-c', 'typo.json']),
      await inProcess(['train', '-c', 'missing.json']),
      await inProcess(['train', '-c', 'not-json.json']),
      children[1],
      children[2],
      await inProcess(['inspect', 'nowhere.safetensors']),
      await inProcess(['train', '--preset', 'iris', '--init', 'broken.safetensors']),
      await inProcess(['predict', '--model', 'broken.safetensors', '--data', 'wine_test.csv']),
    ];
    const expected = [
      /bad-activation\.json: model\.layers\[0\]\.activation: .*sigmoid, tanh, relu/,
      /bad-optimizer\.json: optimizer\.name: .*sgd.*adam.*adamw/,
      /typo\.json: .*epohcs/,
      /missing\.json: cannot read/,
      /not-json\.json: not valid JSON/,
      /bad\.csv, line 3, column 2 \("sepal_width"\): cell "three" is not a number/,
      /broken\.safetensors: /,
      /nowhere\.safetensors: file not found/,
      /broken\.safetensors: /,
      /broken\.safetensors: /,
    ];
    results.forEach((r, i) => {
      expect({ i, code: r.code }).toEqual({ i, code: 1 });
      expect(r.stderr).toMatch(expected[i]);
      expect(r.stderr).not.toMatch(/internal error|    at /);
    });
  });

  it('2: usage errors (unknown option, bad number, unknown preset or command, conflicting flags, missing required option)', async () => {
    const child = await cli(['train', '--epochs', 'ten']);
    expect(child.code).toBe(2);
    expect(child.stderr).toContain("option '--epochs <n>' argument 'ten' is invalid");
    const results: { code: number; stderr: string; stdout: string }[] = [];
    for (const args of [
      ['train', '--frobnicate'], ['train', '--lr', '-1'], ['train', '--preset', 'nope'], ['bogus'], [], ['train', '--batch-size', '0'],
      ['train', '--json', '--events', '-'], ['train', '--preset', 'xor', '--config', 'x.json'], ['train', '--out', 'model.pt'], ['eval', '--data', 'x.csv'],
      ['train', '--resume', 'a.safetensors', '--init', 'b.safetensors'], ['convert', 'a.safetensors', 'b.npz', '--raw-inputs'],
    ]) {
      const io = fakeIo(ROOT);
      results.push({ code: await runCli(args, io), stderr: io.err(), stdout: io.out() });
    }
    results.forEach((r, i) => {
      expect({ i, code: r.code }).toEqual({ i, code: 2 });
      expect(r.stderr).toMatch(/error|Usage/);
      expect(r.stdout).toBe('');
    });
    expect(results[2].stderr).toContain('sin, seed-code1, seed-code2, xor, moons, spirals, iris, digits');
  });

  it('2: numeric flags are strict — decimal only, finite, in range, non-empty; the message says what was expected (#11 F12)', async () => {
    for (const [args, message] of [
      [['train', '--epochs', ''], `option '--epochs <n>' argument '' is invalid. expected an integer ≥ 0, got ""`],
      [['train', '--lr', '0x10'], `option '--lr <rate>' argument '0x10' is invalid. expected a number > 0, got "0x10"`],
      [['train', '--seed', '1e20'], `option '--seed <n>' argument '1e20' is invalid. expected an integer in 0…4294967295, got "1e20"`],
      [['train', '--seed', '-1'], 'expected an integer in 0…4294967295, got "-1"'],
      [['train', '--batch-size', ' 16'], 'expected an integer ≥ 1, got " 16"'],
      [['train', '--lr', 'Infinity'], 'expected a number > 0, got "Infinity"'],
      [['gradcheck', '--rows', '0b11'], 'expected an integer ≥ 1, got "0b11"'],
      [['gradcheck', '--tolerance', '1e999'], 'expected a number ≥ 0, got "1e999"'],
    ] as const) {
      const io = fakeIo(ROOT);
      expect({ args, code: await runCli(args, io) }).toEqual({ args, code: 2 });
      expect(io.err()).toContain(message);
    }
  });

  it('0 for --help on every command', async () => {
    const child = await cli(['train', '--help']);
    expect(child.code).toBe(0);
    expect(child.stdout).toMatch(/^Usage: clearprop train/);
    for (const command of [[], ['eval'], ['predict'], ['gradcheck'], ['inspect'], ['convert'], ['export']]) {
      const io = fakeIo(ROOT);
      expect(await runCli([...command, '--help'], io)).toBe(0);
      expect(io.out()).toMatch(/^Usage: clearprop/);
    }
    expect(child.stdout).toContain('Exit codes: 0 done, 1 bad input, 2 usage, 3 NaN/divergence, 130 interrupted, 141 output pipe closed');
  });

  it('3: the loss becomes NaN/∞ (diagnosis on stderr, weights rolled back), or gradcheck over its tolerance', async () => {
    const dir = writeFiles(tempDir(), { 'big.csv': bigCsv, 'unscaled.json': JSON.stringify(divergingConfig) });
    const diverged = await cli(['train', '-c', join(dir, 'unscaled.json'), '--out-dir', join(dir, 'out'), '--json']);
    const io = fakeIo(dir);
    const strict = { code: await runCli(['gradcheck', '--preset', 'iris', '--tolerance', '0'], io), stdout: io.out() };
    expect(diverged.code).toBe(3);
    expect(diverged.stderr).toMatch(/diverged in epoch \d+ batch \d+, step \d+: .*standardize the features/);
    expect(JSON.parse(diverged.stdout)).toMatchObject({ status: 'diverged', exitCode: 3 });
    expect(strict.code).toBe(3);
    expect(strict.stdout).toMatch(/FAIL/);
  });

  it('3: a loss that blows up without NaN — the iris preset under Adam at --lr 1e6 (#11 F7)', async () => {
    const dir = tempDir();
    const r = await cli(['train', '--preset', 'iris', '--lr', '1e6', '--out-dir', dir, '--json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/diverged in epoch 1 batch \d+, step \d+: the loss stayed above 1e6× its first value \(.*\) for 5 batches in a row at learning rate 1000000: lower it/);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'diverged', exitCode: 3 });
  });
});
