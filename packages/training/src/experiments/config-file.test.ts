import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from './config-file.ts';

const config = {
  data: { builtin: 'xor' }, model: { layers: [{ units: 2, activation: 'softmax' }] }, loss: 'softmaxCrossEntropy',
  optimizer: { name: 'sgd', lr: 0.1 }, batchSize: 4, epochs: 1, seed: 1,
};

describe('loadConfigFile', () => {
  it('names a config without a name after its file; an explicit name wins', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clearprop-config-'));
    await writeFile(join(dir, 'wine-small.json'), JSON.stringify(config));
    await writeFile(join(dir, 'named.yml'), JSON.stringify({ ...config, name: 'iris-run' }));
    expect((await loadConfigFile(join(dir, 'wine-small.json'))).name).toBe('wine-small');
    expect((await loadConfigFile(join(dir, 'named.yml'))).name).toBe('iris-run');
  });
});
