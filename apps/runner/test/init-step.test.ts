import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { loadCsv } from '@clearprop/data/node';
import { resolveLoss, sequential, valueAndGrad, type ModelParams, type ModelSpec } from '@clearprop/nn';
import { createRng, createWasmKernels, fromData, tsKernels, wasmSimdSupported } from '@clearprop/tensor';
import { buildExperiment, type ExperimentConfig } from '@clearprop/training';
import { csvFiles, loadModel, saveModel } from '@clearprop/training/node';
import { cli, tempDir, writeFiles } from './cli-harness.ts';

// 40 rows, 3 features, 2 regression targets: deterministic, no RNG needed.
const csv = ['a,b,c,y0,y1', ...Array.from({ length: 40 }, (_, i) => {
  const [a, b, c] = [Math.sin(i), Math.cos(3 * i), (i % 7) / 7];
  return [a, b, c, a * b - c, Math.tanh(a + c)].map((v) => v.toFixed(5)).join(',');
})].join('\n') + '\n';

const config = {
  name: 'one-step',
  data: { train: 'data.csv', target: ['y0', 'y1'] },
  model: { layers: [{ units: 5, activation: 'tanh' }, { units: 4, activation: 'sigmoid' }, { units: 2, activation: 'identity' }] },
  loss: 'meanSquaredError',
  optimizer: { name: 'sgd', lr: 0.3 },
  batchSize: 1000,
  epochs: 50,
  seed: 9,
};

describe('--init + --epochs 1 + full batch + plain SGD + --no-shuffle', () => {
  const setup = async () => {
    const dir = writeFiles(tempDir(), { 'data.csv': csv, 'config.json': JSON.stringify(config) });
    const spec: ModelSpec = { inputs: 3, layers: config.model.layers as ModelSpec['layers'] };
    const model = sequential(spec);
    const init = model.init(createRng(42));
    await saveModel(join(dir, 'init.safetensors'), { spec, params: init });
    // The rows exactly as the run sees them (file order: nothing is held out and --no-shuffle keeps it); a
    // full-batch mean summed in another order could differ in the last float32 bit.
    const data = buildExperiment(config as ExperimentConfig, { readCsv: csvFiles(dir) }).spec.train;
    expect(data.length).toBe(loadCsv(join(dir, 'data.csv'), { target: ['y0', 'y1'] }).length);
    return { dir, model, init, x: fromData(data.x, [data.length, data.features]), y: fromData(data.y, [data.length, data.targets]) };
  };
  const oneStep = (dir: string, extra: readonly string[]) =>
    cli(['train', '--config', join(dir, 'config.json'), '--init', join(dir, 'init.safetensors'), '--epochs', '1', '--no-shuffle', '--out-dir', join(dir, 'out'), '-q', ...extra]);

  // Largest |w₁ − (w₀ − lr·g)| over every tensor, in float32 as the engine stores weights: the update −lr·g is
  // rounded to float32 first, then added (two roundings, as torch's float32 `p.add_(g, alpha=-lr)`).
  const worstDeviation = (init: ModelParams, trained: ModelParams, grads: ModelParams): number => {
    let worst = 0;
    init.forEach((layer, l) => {
      for (const name of ['weight', 'bias'] as const) {
        const [w0, w1, g] = [layer[name].data, trained[l][name].data, grads[l][name].data];
        expect(Array.from(w1)).not.toEqual(Array.from(w0)); // it did move
        for (let i = 0; i < w0.length; i++) worst = Math.max(worst, Math.abs(w1[i] - Math.fround(w0[i] + Math.fround(-config.optimizer.lr * g[i]))));
      }
    });
    return worst;
  };

  it('saves weights exactly one gradient step from the init weights: w₁ = w₀ − lr·∇C(w₀) (reference TS kernels)', async () => {
    const { dir, model, init, x, y } = await setup();
    const r = await oneStep(dir, ['--kernels', 'ts']);
    expect(r.code).toBe(0);
    const trained = await loadModel(join(dir, 'out', 'model.safetensors'));
    const { grads } = valueAndGrad(model, init, resolveLoss('meanSquaredError'), x, y);
    expect(worstDeviation(init, trained.params, grads)).toBe(0);
  });

  it('with the default (fastest) kernels, the step equals a gradient computed with those kernels', async () => {
    const { dir, model, init, x, y } = await setup();
    const r = await oneStep(dir, []);
    expect(r.code).toBe(0);
    const trained = await loadModel(join(dir, 'out', 'model.safetensors'));
    const kernels = wasmSimdSupported() ? createWasmKernels() : tsKernels;
    const { grads } = valueAndGrad(model, init, resolveLoss('meanSquaredError'), x, y, { kernels });
    expect(worstDeviation(init, trained.params, grads)).toBe(0);
  });

  it('rejects init weights of another architecture with exit 1 naming the file', async () => {
    const dir = writeFiles(tempDir(), { 'data.csv': csv, 'config.json': JSON.stringify(config) });
    const spec: ModelSpec = { inputs: 3, layers: [{ units: 2, activation: 'identity' }] };
    await saveModel(join(dir, 'other.safetensors'), { spec, params: sequential(spec).init(createRng(1)) });
    const r = await cli(['train', '--config', join(dir, 'config.json'), '--init', join(dir, 'other.safetensors'), '--out-dir', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(join(dir, 'other.safetensors'));
  });
});
