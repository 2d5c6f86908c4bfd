import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tensor } from '@clearprop/tensor';
import { encodeCheckpoint } from './checkpoint.ts';
import { loadCheckpoint, loadModel, saveCheckpoint, saveModel, writeFileAtomic, type AtomicWriteFs } from './io.ts';
import { ModelFileError } from './model-file-error.ts';
import type { SavedModel } from './model-file.ts';
import type { ModelSpec } from '@clearprop/nn';

const spec: ModelSpec = { inputs: 2, layers: [{ units: 1, activation: 'sigmoid' }] };
const model: SavedModel = { spec, params: [{ weight: tensor([0.5, -1.5], [1, 2]), bias: tensor([0.25], [1]) }], normalization: { kind: 'minMax', min: [0, 1], max: [2, 3] } };

let directory: string;
beforeEach(async () => {
  directory = await fsp.mkdtemp(join(tmpdir(), 'clearprop-io-'));
});
afterEach(async () => {
  await fsp.rm(directory, { recursive: true, force: true });
});

/** node:fs/promises with one call replaced by a failure, to simulate a disk error mid-write. */
function failing(call: 'write' | 'sync' | 'rename'): AtomicWriteFs {
  const disk = new Error(`simulated ${call} failure`);
  return {
    rename: call === 'rename' ? () => Promise.reject(disk) : fsp.rename,
    unlink: fsp.unlink,
    async open(path, flags) {
      const handle = await fsp.open(path, flags);
      return {
        writeFile: call === 'write' ? async (data) => { await handle.writeFile(data.subarray(0, 3)); throw disk; } : (data) => handle.writeFile(data),
        sync: call === 'sync' ? () => Promise.reject(disk) : () => handle.sync(),
        close: () => handle.close(),
      };
    },
  };
}

describe('writeFileAtomic', () => {
  it('writes the bytes, replacing an existing file, and leaves no temp file', async () => {
    const path = join(directory, 'out.bin');
    await fsp.writeFile(path, 'old');
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]), { tempSuffix: () => 'fixed' });
    expect(Array.from(await fsp.readFile(path))).toEqual([1, 2, 3]);
    expect(await fsp.readdir(directory)).toEqual(['out.bin']);
  });

  it.each(['write', 'sync', 'rename'] as const)('keeps the existing file and removes the temp file when %s fails', async (call) => {
    const path = join(directory, 'model.safetensors');
    await fsp.writeFile(path, 'previous contents');
    await expect(writeFileAtomic(path, new Uint8Array(64), { fs: failing(call) })).rejects.toThrow(`simulated ${call} failure`);
    expect(await fsp.readFile(path, 'utf8')).toBe('previous contents');
    expect(await fsp.readdir(directory)).toEqual(['model.safetensors']);
  });

  it('fails without creating anything when the directory does not exist', async () => {
    await expect(writeFileAtomic(join(directory, 'missing', 'x.bin'), new Uint8Array(1))).rejects.toThrow(/ENOENT/);
    expect(await fsp.readdir(directory)).toEqual([]);
  });
});

describe('saveModel / loadModel', () => {
  it('round-trips a model through .safetensors with its metadata', async () => {
    const path = join(directory, 'model.safetensors');
    await saveModel(path, model);
    expect(await loadModel(path)).toEqual(model);
  });

  it('round-trips weights through .npz (given the spec), compressed or not', async () => {
    for (const compress of [false, true]) {
      const path = join(directory, `model-${compress}.NPZ`);
      await saveModel(path, model, { compress });
      expect(await loadModel(path, { spec })).toEqual({ spec, params: model.params });
    }
  });

  it('reports a missing file, an unknown extension and an .npz without spec, naming the path', async () => {
    const missing = join(directory, 'nope.safetensors');
    await expect(loadModel(missing)).rejects.toMatchObject({ name: 'ModelFileError', file: missing, reason: 'file not found' });
    await expect(loadModel(join(directory, 'model.pt'))).rejects.toThrow(/model\.pt: unsupported extension "\.pt"; use \.safetensors or \.npz/);
    await expect(saveModel(join(directory, 'model.h5'), model)).rejects.toThrow(ModelFileError);
    await expect(loadModel(join(directory, 'w.npz'))).rejects.toThrow(/w\.npz: \.npz files hold only weights; pass the architecture as options\.spec/);
  });

  it('reports corrupt content with the path', async () => {
    const path = join(directory, 'corrupt.safetensors');
    await fsp.writeFile(path, new Uint8Array([1, 2, 3]));
    await expect(loadModel(path)).rejects.toThrow(`${path}: truncated: 3 bytes, too short for the 8-byte header length`);
  });
});

describe('saveCheckpoint / loadCheckpoint', () => {
  const checkpoint = { model, optimizerState: { count: tensor([7], [1], { dtype: 'float64' }) }, rngState: [1, 2, 3, 4], epoch: 2, step: 9 };

  it('round-trips a checkpoint through a file', async () => {
    const path = join(directory, 'run.ckpt.safetensors');
    await saveCheckpoint(path, checkpoint);
    expect(await loadCheckpoint(path)).toEqual(checkpoint);
    expect(await fsp.readFile(path)).toEqual(Buffer.from(encodeCheckpoint(checkpoint)));
  });

  it('reports a wrong extension and a missing file, naming the path', async () => {
    await expect(saveCheckpoint(join(directory, 'run.npz'), checkpoint)).rejects.toThrow(/run\.npz: unsupported extension "\.npz" for a checkpoint/);
    const missing = join(directory, 'none.safetensors');
    await expect(loadCheckpoint(missing)).rejects.toThrow(`${missing}: file not found`);
  });
});
