import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '@clearprop/training/node';
import { cli, grammarString, parseNdjson, tempDir, wineFixtures } from './cli-harness.ts';

describe('clearprop train (the default experiment, shortened)', () => {
  it('trains sin, writes every artifact, prints a human summary on stdout and plain progress on stderr', async () => {
    const out = tempDir();
    const r = await cli(['train', '--epochs', '6', '--out-dir', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sin: completed after 6 epochs/);
    expect(r.stdout).toContain(join(out, 'model.safetensors'));
    expect(r.stderr).toContain(`outputs: ${out}`);
    expect(r.stderr).toMatch(/training sin: 1-32-32-1 tanh\/tanh\/identity/);
    expect(r.stderr).toMatch(/epoch 6\/6 {2}train loss/);
    expect(r.stderr + r.stdout).not.toContain('\x1b['); // no TTY: no colour, no bar
    // A 1-input regression: no boundary or neuron charts (they are for classification on 2 features).
    expect(readdirSync(out).sort()).toEqual(['config.json', 'events.ndjson', 'fit.svg', 'loss.svg', 'metrics.csv', 'model.safetensors']);

    const metrics = readFileSync(join(out, 'metrics.csv'), 'utf8').trim().split('\n');
    expect(metrics[0]).toBe('epoch,train_loss,train_penalty,train_unweighted_loss,validation_loss,validation_unweighted_loss,validation_accuracy,validation_precision,validation_recall,validation_f1,validation_auc,validation_log_loss,validation_mse,validation_r2,learning_rate,epoch_ms,elapsed_ms');
    expect(metrics).toHaveLength(7);
    for (const svg of ['fit.svg', 'loss.svg']) expect(readFileSync(join(out, svg), 'utf8')).toMatch(/^<svg[\s\S]*<path[\s\S]*<\/svg>$/);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ name: 'sin', epochs: 6, data: { builtin: 'sin' } });

    const model = await loadModel(join(out, 'model.safetensors'));
    expect(model.spec.layers.map((l) => l.units)).toEqual([32, 32, 1]);
    expect(model.trainingConfig).toMatchObject({ name: 'sin', epochs: 6 });
    expect(JSON.parse(model.extra?.dataset ?? '{}')).toMatchObject({ task: 'regression', featureNames: ['x'] });
  });

  it('--events - streams NDJSON on stdout that follows the event grammar; --json prints one summary object', async () => {
    const [streamed, summary] = await Promise.all([
      cli(['train', '--preset', 'moons', '--epochs', '3', '--out-dir', tempDir(), '--events', '-']),
      cli(['train', '--preset', 'sin', '--epochs', '2', '--batch-size', '64', '--lr', '0.02', '--seed', '3', '--out-dir', tempDir(), '--json', '--quiet']),
    ]);
    expect(streamed.code).toBe(0);
    const events = parseNdjson(streamed.stdout);
    // moons: 2 features, 2 classes — a confusion matrix and a boundary map after every epoch.
    expect(grammarString(events)).toMatch(/^R(SB+L*ECM)+Z$/);
    expect(events.filter((e) => e.type === 'epochEnd')).toHaveLength(3);
    expect(events[0]).toMatchObject({ type: 'runStart', name: 'moons', epochs: 3 });
    expect(streamed.stderr).toMatch(/moons: completed/); // the human summary moves to stderr

    expect(summary.code).toBe(0);
    expect(summary.stderr).toBe('');
    const lines = summary.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]);
    expect(json).toMatchObject({ name: 'sin', status: 'completed', exitCode: 0, epochs: 2, steps: 10, task: 'regression' });
    expect(typeof json.r2).toBe('number');
    expect(existsSync(json.artifacts.lossChart)).toBe(true);
  });

  it('--events <file> writes the same NDJSON to a file; the default out-dir is runs/<name>-<timestamp> under the cwd', async () => {
    const cwd = tempDir();
    const r = await cli(['train', '--preset', 'xor', '--epochs', '2', '--events', 'ev.ndjson', '-q'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const [runDir] = readdirSync(join(cwd, 'runs'));
    expect(runDir).toMatch(/^xor-\d{8}-\d{6}$/);
    const copy = readFileSync(join(cwd, 'ev.ndjson'), 'utf8');
    expect(copy).toBe(readFileSync(join(cwd, 'runs', runDir, 'events.ndjson'), 'utf8'));
    expect(grammarString(parseNdjson(copy))).toMatch(/^R(SB+L*ECM)+Z$/);
    // A 2-D classification also gets its decision boundary and hidden-unit maps.
    const files = readdirSync(join(cwd, 'runs', runDir));
    expect(files).toEqual(expect.arrayContaining(['confusion.svg', 'boundary.svg', 'neurons.svg']));
    const boundary = readFileSync(join(cwd, 'runs', runDir, 'boundary.svg'), 'utf8');
    expect(boundary).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(boundary).toMatch(/<image [^>]*data:image\/png;base64,/);
    expect(boundary).toContain('>a</text>'); // xor's features are a and b
    expect(readFileSync(join(cwd, 'runs', runDir, 'neurons.svg'), 'utf8').match(/<image /g)).toHaveLength(8);
  });

  it('a config that does not fit its data fails before any run folder is made (exit 1, the mismatch named)', async () => {
    const cwd = wineFixtures(tempDir());
    const config = JSON.parse(readFileSync(join(cwd, 'wine.json'), 'utf8'));
    writeFileSync(join(cwd, 'bad.json'), JSON.stringify({ ...config, model: { layers: [{ units: 2, activation: 'softmax' }] } }));
    const r = await cli(['train', '-c', 'bad.json'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: ${join(cwd, 'bad.json')}: model.layers[0].units is 2, but the training data has 3 target columns (one per class)\n`);
    expect(existsSync(join(cwd, 'runs'))).toBe(false);
  });

  it('--kernels wasm2 (2 threads for large products) trains the same model, bit for bit, as --kernels wasm', async () => {
    const [one, two] = [tempDir(), tempDir()];
    const runs = await Promise.all([
      cli(['train', '--preset', 'digits', '--epochs', '2', '--kernels', 'wasm', '--out-dir', one, '-q']),
      cli(['train', '--preset', 'digits', '--epochs', '2', '--kernels', 'wasm2', '--out-dir', two, '-q']),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect(readFileSync(join(two, 'model.safetensors')).equals(readFileSync(join(one, 'model.safetensors')))).toBe(true);
  });
});
