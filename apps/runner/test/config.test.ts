import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir, wineFixtures, writeFiles } from './cli-harness.ts';

describe('the issue config, verbatim, on iris rows as wine_train.csv / wine_test.csv', () => {
  it('trains, then eval / predict / inspect / convert / gradcheck work on the result', async () => {
    const dir = wineFixtures(tempDir());
    const out = join(dir, 'run');
    const trained = await cli(['train', '--config', join(dir, 'wine.json'), '--out-dir', out, '--json', '-q']);
    expect(trained.code).toBe(0);
    const summary = JSON.parse(trained.stdout);
    expect(summary).toMatchObject({ name: 'wine', status: 'completed', epochs: 200, task: 'classification' });
    expect(summary.final.test.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['confusion.svg', 'loss.svg', 'metrics.csv', 'model.safetensors', 'config.json', 'events.ndjson']));
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).data.train).toBe(join(dir, 'wine_train.csv'));

    const model = join(out, 'model.safetensors');
    const test = join(dir, 'wine_test.csv');
    writeFiles(dir, { 'features.csv': 'sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n' });
    const [evaluated, evaluatedText, predicted, inspected, converted, checked] = await Promise.all([
      cli(['eval', '--model', model, '--data', test, '--json']),
      cli(['eval', '--model', model, '--data', test]),
      cli(['predict', '--model', model, '--data', join(dir, 'features.csv')]),
      cli(['inspect', model]),
      cli(['convert', model, join(dir, 'model.npz')]),
      cli(['gradcheck', '--config', join(dir, 'wine.json')]),
    ]);
    expect(evaluated.code).toBe(0);
    const metrics = JSON.parse(evaluated.stdout);
    expect(metrics).toMatchObject({ rows: 30, task: 'classification' });
    expect(metrics.accuracy).toBeCloseTo(summary.final.test.accuracy, 10);
    expect(evaluatedText.stdout).toMatch(/^classification on 30 rows of .*: loss [\d.]+ accuracy [\d.]+ f1 [\d.]+ auc [\d.]+\n$/);
    expect(predicted.code).toBe(0);
    expect(predicted.stdout.trim().split('\n')).toEqual([
      'predicted,p_0,p_1,p_2', expect.stringMatching(/^0,/), expect.stringMatching(/^2,/),
    ]);
    expect(inspected.stdout).toMatch(/architecture {2}4-32-3 relu\/softmax\n {2}parameters {4}259\n/);
    expect(inspected.stdout).toContain('normalization standardize');
    expect(converted.code).toBe(0);
    expect(converted.stderr).toContain('weights only');
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/all 4 tensors within 0\.00001/);

    const roundTrip = await cli(['inspect', join(dir, 'model.npz'), '--spec', model, '--json']);
    expect(JSON.parse(roundTrip.stdout)).toMatchObject({ architecture: '4-32-3 relu/softmax', parameterCount: 259 });
  });

  it('convert m.safetensors → a.npz → b.safetensors --spec m keeps normalization and labels; the npz step warns', async () => {
    const dir = wineFixtures(tempDir());
    const trained = await cli(['train', '--config', join(dir, 'wine.json'), '--epochs', '30', '--out-dir', join(dir, 'run'), '-q']);
    expect(trained.code).toBe(0);
    const [m, a, b] = [join(dir, 'run', 'model.safetensors'), join(dir, 'a.npz'), join(dir, 'b.safetensors')];
    const toNpz = await cli(['convert', m, a]);
    expect(toNpz.stderr).toContain(`warning: ${a} holds weights only: it lacks the normalization, feature names and class labels, training config of ${m}; convert it back with --spec ${m}`);
    const back = await cli(['convert', a, b, '--spec', m]);
    expect(back.code).toBe(0);
    expect(back.stderr).not.toContain('warning');
    const test = join(dir, 'wine_test.csv');
    const [original, roundTripped, inspected] = await Promise.all([
      cli(['eval', '--model', m, '--data', test, '--json']), cli(['eval', '--model', b, '--data', test, '--json']), cli(['inspect', b]),
    ]);
    expect(JSON.parse(roundTripped.stdout).accuracy).toBe(JSON.parse(original.stdout).accuracy);
    expect(inspected.stdout).toContain('normalization standardize');
    expect(inspected.stdout).toContain('classes       0, 1, 2');
    // Without the clearprop model as --spec there is nothing to carry over, and inspect says so.
    writeFiles(dir, { 'spec.json': JSON.stringify({ inputs: 4, layers: [{ units: 32, activation: 'relu' }, { units: 3, activation: 'softmax' }] }) });
    expect((await cli(['convert', a, join(dir, 'bare.safetensors'), '--spec', join(dir, 'spec.json')])).code).toBe(0);
    expect((await cli(['inspect', join(dir, 'bare.safetensors')])).stdout).toContain('normalization none');
  });

  it('accepts YAML configs and flag overrides', async () => {
    const dir = wineFixtures(tempDir());
    writeFiles(dir, {
      'wine.yaml': 'name: wine-yaml\ndata: { train: wine_train.csv, target: label, task: classification, standardize: true }\n' +
        'model: { layers: [ { units: 8, activation: tanh }, { units: 3, activation: softmax } ] }\n' +
        'loss: softmaxCrossEntropy\noptimizer: { name: sgd, lr: 0.1, momentum: 0.9 }\nbatchSize: 500\nepochs: 100\nseed: 2\n',
    });
    const r = await cli(['train', '-c', join(dir, 'wine.yaml'), '--epochs', '3', '--out-dir', join(dir, 'y'), '--json', '-q']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'wine-yaml', epochs: 3, steps: 3 }); // batch ≥ rows: full batch
  });
});
