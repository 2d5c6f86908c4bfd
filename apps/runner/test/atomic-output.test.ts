import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, readEventLog } from '@clearprop/training/node';
import { cli, tempDir, wineFixtures, writeFiles } from './cli-harness.ts';

const OLD = { 'model.safetensors': 'OLD MODEL', 'events.ndjson': 'OLD EVENTS\n', 'metrics.csv': 'OLD METRICS\n', 'predictions.csv': 'OLD PREDICTIONS\n' };
const contents = (dir: string) => Object.fromEntries(Object.keys(OLD).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));

describe('existing output is never half-overwritten', () => {
  it('a run killed with SIGKILL mid-training leaves model files whole; the live logs hold only complete events up to the kill', async () => {
    const dir = writeFiles(tempDir(), OLD);
    let killed = false;
    const r = await cli(['train', '--preset', 'digits', '--epochs', '100000', '--out-dir', dir, '--events', '-'], {
      onStdout: (child, stdout) => {
        if (!killed && stdout.split('"type":"epochEnd"').length > 2) {
          killed = true;
          child.kill('SIGKILL');
        }
      },
    });
    expect(r.signal).toBe('SIGKILL');
    // Model and prediction files are only ever replaced by a rename: the old ones are still there, whole.
    const after = contents(dir);
    expect(after['model.safetensors']).toBe(OLD['model.safetensors']);
    expect(after['predictions.csv']).toBe(OLD['predictions.csv']);
    // The event log and metrics are written live (so a follower can tail them): a new run's, cut at the kill.
    const { events } = await readEventLog(join(dir, 'events.ndjson'));
    expect(events[0]).toMatchObject({ type: 'runStart', name: 'digits' });
    expect(events.filter((e) => e.type === 'epochEnd').length).toBeGreaterThanOrEqual(1);
    expect(after['metrics.csv'].startsWith('epoch,train_loss,')).toBe(true);
  });

  it('failing commands leave the file they would write untouched; a successful run replaces files whole and leaves no temporary files', async () => {
    const dir = wineFixtures(tempDir());
    writeFiles(dir, { ...OLD, 'bad.csv': 'sepal_length,sepal_width,petal_length,petal_width\n1,2,3\n' });
    const [badPredict, badTrain] = await Promise.all([
      cli(['predict', '--model', 'model.safetensors', '--data', 'wine_test.csv', '--out', 'predictions.csv'], { cwd: dir }),
      cli(['train', '--preset', 'iris', '--init', 'model.safetensors', '--out-dir', '.'], { cwd: dir }),
    ]);
    expect([badPredict.code, badTrain.code]).toEqual([1, 1]);
    expect(contents(dir)).toEqual(OLD);

    const good = await cli(['train', '-c', 'wine.json', '--epochs', '3', '--out-dir', '.', '-q'], { cwd: dir });
    expect(good.code).toBe(0);
    expect((await loadModel(join(dir, 'model.safetensors'))).spec.inputs).toBe(4);
    expect(readFileSync(join(dir, 'metrics.csv'), 'utf8').split('\n')).toHaveLength(5);
    const predicted = await cli(['predict', '--model', 'model.safetensors', '--data', 'bad.csv', '--out', 'predictions.csv'], { cwd: dir });
    expect(predicted.code).toBe(1);
    expect(predicted.stderr).toMatch(/bad\.csv, line 2, column \d+: ragged row/);
    expect(readFileSync(join(dir, 'predictions.csv'), 'utf8')).toBe(OLD['predictions.csv']);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
