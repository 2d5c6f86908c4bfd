import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT, tempDir, writeFiles } from './cli-harness.ts';

// Breast cancer (vendored from scikit-learn): labels 0/1 in one column, every 5th row held out as the test file,
// and a weight column `w` (2 for the first 100 training rows, else 1) for the sample-weight runs.
function binaryFixtures(dir: string): string {
  const [header, ...rows] = readFileSync(join(ROOT, 'packages/data/datasets/breast-cancer.csv'), 'utf8').trim().split('\n');
  const train = rows.filter((_, i) => i % 5 !== 0);
  const test = rows.filter((_, i) => i % 5 === 0);
  const weighted = (row: string, i: number) => row.replace(/,(\d)$/, `,${i < 100 ? 2 : 1},$1`);
  return writeFiles(dir, {
    'train.csv': [header, ...train].join('\n') + '\n',
    'test.csv': [header, ...test].join('\n') + '\n',
    'weighted.csv': [header.replace(/,label$/, ',w,label'), ...train.map(weighted)].join('\n') + '\n',
  });
}

const config = (overrides: Record<string, unknown> = {}, data: Record<string, unknown> = {}) => JSON.stringify({
  data: { train: 'train.csv', test: 'test.csv', standardize: true, validationSplit: 0.1, ...data },
  model: { layers: [{ units: 16, activation: 'relu', dropout: 0.2 }, { units: 1, activation: 'sigmoid' }] },
  loss: 'binaryCrossEntropy', optimizer: { name: 'adam', lr: 0.01 }, batchSize: 32, epochs: 15, seed: 1,
  ...overrides,
});

describe('binary classification with one sigmoid unit, end to end', () => {
  it('train, then eval --json prints accuracy, f1 and auc; predict writes predicted,p_1', async () => {
    const dir = binaryFixtures(tempDir());
    writeFiles(dir, { 'binary.json': config({ regularization: { l2: 1e-4 } }, { classWeight: 'balanced' }) });
    const trained = await cli(['train', '--config', join(dir, 'binary.json'), '--out-dir', join(dir, 'run'), '--json', '-q']);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect(JSON.parse(trained.stdout)).toMatchObject({ task: 'classification', status: 'completed', f1: expect.any(Number), auc: expect.any(Number) });
    const metricsCsv = readFileSync(join(dir, 'run', 'metrics.csv'), 'utf8').trim().split('\n').map((line) => line.split(','));
    const column = (name: string) => metricsCsv.slice(1).map((row) => Number(row[metricsCsv[0].indexOf(name)]));
    expect(column('train_penalty').every((p) => p > 0)).toBe(true);
    expect(column('validation_auc').every((auc) => auc > 0.5 && auc <= 1)).toBe(true);
    const model = join(dir, 'run', 'model.safetensors');
    writeFiles(dir, { 'rows.csv': readFileSync(join(dir, 'test.csv'), 'utf8').split('\n').slice(0, 4).join('\n') + '\n' });
    const [evaluated, predicted, inspected] = await Promise.all([
      cli(['eval', '--model', model, '--data', join(dir, 'test.csv'), '--json']),
      cli(['predict', '--model', model, '--data', join(dir, 'rows.csv')]),
      cli(['inspect', model]),
    ]);
    expect(inspected.stdout).toContain('0: dense 16 relu  weight [16, 30] bias [16]  (trained with l2 0.0001, dropout 0.2)');
    expect(evaluated.code).toBe(0);
    const metrics = JSON.parse(evaluated.stdout);
    expect(metrics).toMatchObject({ rows: 114, task: 'classification' });
    for (const key of ['accuracy', 'precision', 'recall', 'f1', 'auc', 'logLoss']) expect(metrics[key]).toBeGreaterThan(0.05);
    expect(metrics.accuracy).toBeGreaterThan(0.9);
    expect(metrics.auc).toBeGreaterThan(0.95);
    // Supports as scikit-learn counts the held-out rows: np.bincount(load_breast_cancer().target[::5]) → [40, 74].
    expect(metrics.perClass.map((c: { label: string; support: number }) => [c.label, c.support])).toEqual([['0', 40], ['1', 74]]);
    expect(predicted.code).toBe(0);
    const lines = predicted.stdout.trim().split('\n');
    expect(lines[0]).toBe('predicted,p_1');
    expect(lines.slice(1).map((line) => line.split(',')[0] === (Number(line.split(',')[1]) > 0.5 ? '1' : '0'))).toEqual([true, true, true]);
  }, 60_000);

  it('gradcheck passes on a config with L1 + L2 penalties and class × sample weights (dropout off, and said so)', async () => {
    const dir = binaryFixtures(tempDir());
    writeFiles(dir, { 'check.json': config({ regularization: { l1: 1e-3, l2: 1e-2 } }, { train: 'weighted.csv', sampleWeight: 'w', classWeight: { 0: 3 } }) });
    const [json, text] = await Promise.all([
      cli(['gradcheck', '--config', join(dir, 'check.json'), '--json']),
      cli(['gradcheck', '--config', join(dir, 'check.json')]),
    ]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ passed: true, weighted: true, penalties: true, dropout: 'off during the check' });
    expect(report.tensors).toHaveLength(4);
    expect(text.stdout).toContain('(class/sample-weighted, + L1/L2 penalties, dropout off)');
  }, 60_000);

  it('bad values exit 1 with a message naming the field', async () => {
    const dir = binaryFixtures(tempDir());
    const hidden = { units: 16, activation: 'relu' };
    const cases: [string, string, RegExp][] = [
      ['dropout.json', config({ model: { layers: [{ ...hidden, dropout: 1 }, { units: 1, activation: 'sigmoid' }] } }), /model\.layers\[0\]\.dropout: must be in \[0, 1\)/],
      ['l2.json', config({ regularization: { l2: -0.1 } }), /regularization\.l2: must be a number ≥ 0/],
      ['label.json', config({}, { classWeight: { 7: 2 } }), /data\.classWeight\.7: no class "7" in the data; its class labels are 0, 1/],
      ['missing.json', config({}, { sampleWeight: 'weight' }), /train\.csv, line 1: sample weight column "weight" not found/],
      ['threshold.json', config({ threshold: 1.5 }), /threshold: must be in \(0, 1\)/],
      ['softmax.json', config({ model: { layers: [hidden, { units: 1, activation: 'softmax' }] }, loss: 'softmaxCrossEntropy' }), /model\.layers\[1\]\.units: softmax over 1 unit always outputs 1/],
    ];
    writeFiles(dir, Object.fromEntries(cases.map(([name, text]) => [name, text])));
    writeFiles(dir, {
      'negative.csv': 'a,w,label\n1,1,0\n2,-3,1\n', 'nan.csv': 'a,w,label\n1,NaN,0\n2,1,1\n',
      'negative.json': config({}, { train: 'negative.csv', test: undefined, standardize: false, validationSplit: 0, sampleWeight: 'w' }),
      'nan.json': config({}, { train: 'nan.csv', test: undefined, standardize: false, validationSplit: 0, sampleWeight: 'w' }),
    });
    const all: [string, RegExp][] = [
      ...cases.map(([name, , pattern]): [string, RegExp] => [name, pattern]),
      ['negative.json', /negative\.csv, line 3, column 2 \("w"\): sample weight -3 is negative/],
      ['nan.json', /nan\.csv, line 2, column 2 \("w"\): value "NaN" is not finite/],
    ];
    const results = await Promise.all(all.map(([name]) => cli(['train', '--config', join(dir, name), '--out-dir', join(dir, `run-${name}`), '-q'])));
    results.forEach((result, i) => {
      expect([all[i][0], result.code]).toEqual([all[i][0], 1]);
      expect(result.stderr).toMatch(all[i][1]);
      expect(result.stderr).not.toMatch(/internal error|    at /);
    });
  }, 120_000);
});
