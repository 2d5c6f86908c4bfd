import { describe, expect, it } from '@jest/globals';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveModel } from '@clearprop/training/node';
import { exportCases } from '@clearprop/training/testing';
import * as ort from 'onnxruntime-web';
import { runCli } from '../src/cli.ts';
import { cli, ROOT, tempDir } from './cli-harness.ts';
import { fakeIo } from './fake-io.ts';

ort.env.wasm.numThreads = 1;

const FIXTURES = join(ROOT, 'packages/training/test-fixtures');
const TORCH = 'torch_3-5-4-2_tanh_relu_identity.safetensors';
const SPEC = { inputs: 3, layers: [{ units: 5, activation: 'tanh' }, { units: 4, activation: 'relu' }, { units: 2, activation: 'identity' }] };

async function folder(): Promise<string> {
  const dir = tempDir('clearprop-export-errors-');
  copyFileSync(join(FIXTURES, TORCH), join(dir, TORCH));
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(SPEC));
  await saveModel(join(dir, 'model.safetensors'), exportCases()[0].saved);
  return dir;
}

async function inProcess(dir: string, args: string[]) {
  const io = fakeIo(dir);
  return { code: await runCli(args, io), stderr: io.err(), stdout: io.out() };
}

describe('export and convert: bad input exits 1 with a message naming the file', () => {
  it.each([
    ['an unknown convert target extension', ['convert', 'model.safetensors', 'model.pt'], 'model.pt: unknown target extension ".pt"; convert writes .safetensors, .npz or .onnx'],
    ['an ONNX file as convert source', ['convert', 'model.onnx', 'model.npz'], 'model.onnx: convert reads .safetensors and .npz files (ONNX is export-only)'],
    ['an unknown export format', ['export', 'model.safetensors', '--format', 'amd', '--out', 'predict.js'], 'predict.js: unknown export format "amd"; expected esm or cjs'],
    ['an unknown module extension', ['export', 'model.safetensors', '--out', 'predict.txt'], 'predict.txt: unknown module extension ".txt"; use .mjs, .cjs or .js'],
    ['a format the extension contradicts', ['export', 'model.safetensors', '--format', 'cjs', '--out', 'predict.mjs'], 'predict.mjs: a .mjs file is always ESM; use --format esm or another extension'],
    ['a .js module without --format', ['export', 'model.safetensors', '--out', 'predict.js'], 'predict.js: pass --format esm or --format cjs (a .js file can be either)'],
    ['a bare PyTorch file without --spec (convert)', ['convert', TORCH, 'torch.onnx'], `${TORCH}: holds only tensors (no clearprop spec in __metadata__); pass its architecture with --spec <file> (a JSON model spec, or a clearprop .safetensors model of the same architecture)`],
    ['a bare PyTorch file without --spec (export)', ['export', TORCH, '--out', 'torch.mjs'], `${TORCH}: holds only tensors (no clearprop spec in __metadata__); pass its architecture with --spec <file> (a JSON model spec, or a clearprop .safetensors model of the same architecture)`],
    ['--out in a missing folder (export)', ['export', 'model.safetensors', '--out', 'nowhere/predict.mjs'], 'nowhere/predict.mjs: folder '],
    ['a missing output folder (convert)', ['convert', 'model.safetensors', 'nowhere/model.onnx'], 'nowhere/model.onnx: folder '],
  ])('%s', async (_what, args, message) => {
    const dir = await folder();
    const before = readdirSync(dir).sort();
    const result = await inProcess(dir, args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: /);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(readdirSync(dir).sort()).toEqual(before); // nothing written, not even a temporary file
  });

  it('a real process exits 1 for a missing --out folder; --raw-inputs on a non-ONNX target is a usage error (2)', async () => {
    const dir = await folder();
    const child = await cli(['export', 'model.safetensors', '--out', join('missing', 'predict.mjs')], { cwd: dir });
    expect(child.code).toBe(1);
    expect(child.stderr).toContain(`${join(dir, 'missing', 'predict.mjs')}: folder ${join(dir, 'missing')} does not exist`);
    const usage = await inProcess(dir, ['convert', 'model.safetensors', 'model.npz', '--raw-inputs']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--raw-inputs applies to .onnx targets only');
  });
});

describe('a PyTorch-written file with --spec', () => {
  it("exports to ONNX and to a module that both reproduce PyTorch's own outputs", async () => {
    const dir = await folder();
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'torch_3-5-4-2_expected.json'), 'utf8')) as { inputs: number[][]; expected_outputs: number[][] };
    expect((await inProcess(dir, ['convert', TORCH, 'torch.onnx', '--spec', 'spec.json'])).code).toBe(0);
    expect((await inProcess(dir, ['export', TORCH, '--spec', 'spec.json', '--out', 'torch.cjs'])).code).toBe(0);
    expect(existsSync(join(dir, 'torch.d.cts'))).toBe(true);
    const session = await ort.InferenceSession.create(readFileSync(join(dir, 'torch.onnx')));
    const result = await session.run({ input: new ort.Tensor('float32', Float32Array.from(expected.inputs.flat()), [6, 3]) });
    await session.release();
    const module = { exports: {} as { predictBatch: (rows: number[][]) => number[][] } };
    new Function('module', readFileSync(join(dir, 'torch.cjs'), 'utf8'))(module); // the generated module, as written
    const fromModule = module.exports.predictBatch(expected.inputs).flat();
    const fromOnnx = Array.from(result.output.data as Float32Array);
    // The fixture README: clearprop and PyTorch agree to ~1e-6 on these rows.
    expected.expected_outputs.flat().forEach((y, i) => {
      expect(Math.abs(fromOnnx[i] - y)).toBeLessThan(1e-5);
      expect(Math.abs(fromModule[i] - y)).toBeLessThan(1e-5);
    });
  });
});
