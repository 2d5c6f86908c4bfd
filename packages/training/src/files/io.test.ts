import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tensor } from '@clearprop/tensor';
import { encodeCheckpoint } from './checkpoint.ts';
import { loadCheckpoint, loadModel, saveCheckpoint, saveModel, writeFileAtomic, type AtomicWriteFs } from './io.ts';
import { ModelFileError } from './model-file-error.ts';
import type { SavedModel } from './model-file.ts';
import { writeTarget } from './write-target.ts';
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

describe('writeFileAtomic at links, pipes and devices (#11 F10)', () => {
  const names = () => fsp.readdir(directory).then((list) => list.sort());

  it('writes through a symlink: the target is replaced, the link stays a link', async () => {
    const real = join(directory, 'real.csv');
    const link = join(directory, 'link.csv');
    await fsp.writeFile(real, 'old');
    await fsp.symlink('real.csv', link);
    await writeFileAtomic(link, new TextEncoder().encode('new'));
    expect((await fsp.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fsp.readFile(real, 'utf8')).toBe('new');
    expect(await names()).toEqual(['link.csv', 'real.csv']);
  });

  it('creates the target of a dangling symlink, through a chain of links, in the target folder', async () => {
    await fsp.mkdir(join(directory, 'sub'));
    await fsp.symlink('sub/made.bin', join(directory, 'b'));
    await fsp.symlink('b', join(directory, 'a'));
    await writeFileAtomic(join(directory, 'a'), new Uint8Array([7]));
    expect(Array.from(await fsp.readFile(join(directory, 'sub', 'made.bin')))).toEqual([7]);
    expect(await fsp.readdir(join(directory, 'sub'))).toEqual(['made.bin']);
  });

  it('writes a FIFO directly (no temporary file, no rename): a reader gets the bytes and the FIFO stays', async () => {
    const fifo = join(directory, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    // A non-blocking reader: open(2) returns at once, and a broken writer can never hang the test.
    const reader = await fsp.open(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      await writeFileAtomic(fifo, new TextEncoder().encode('a,b\n1,2\n'));
      const buffer = Buffer.alloc(64);
      const { bytesRead } = await reader.read(buffer, 0, 64);
      expect(buffer.subarray(0, bytesRead).toString()).toBe('a,b\n1,2\n');
    } finally {
      await reader.close();
    }
    expect((await fsp.lstat(fifo)).isFIFO()).toBe(true);
    expect(await names()).toEqual(['pipe.csv']);
  });

  it('writes a character device directly: /dev/null takes the bytes, /dev/full fails with ENOSPC, both stay devices', async () => {
    // Reached through links in the scratch folder, so a regression replaces the links, never the real devices.
    await fsp.symlink('/dev/null', join(directory, 'null.bin'));
    await fsp.symlink('/dev/full', join(directory, 'full.bin'));
    await writeFileAtomic(join(directory, 'null.bin'), new Uint8Array(10));
    await expect(writeFileAtomic(join(directory, 'full.bin'), new Uint8Array(10))).rejects.toMatchObject({ code: 'ENOSPC' });
    for (const name of ['null.bin', 'full.bin']) expect((await fsp.lstat(join(directory, name))).isSymbolicLink()).toBe(true);
    expect(await names()).toEqual(['full.bin', 'null.bin']);
    expect(await writeTarget('/dev/null')).toEqual({ path: '/dev/null', mode: 'direct' });
  });

  it('refuses a directory (EISDIR) and a symlink loop (ELOOP), naming the path, and writes nothing', async () => {
    await fsp.mkdir(join(directory, 'folder'));
    await expect(writeFileAtomic(join(directory, 'folder'), new Uint8Array(1))).rejects.toMatchObject({ code: 'EISDIR', path: join(directory, 'folder') });
    await fsp.symlink('loop', join(directory, 'loop'));
    await expect(writeFileAtomic(join(directory, 'loop'), new Uint8Array(1))).rejects.toMatchObject({ code: 'ELOOP', path: join(directory, 'loop') });
    expect(await names()).toEqual(['folder', 'loop']);
    expect(await fsp.readdir(join(directory, 'folder'))).toEqual([]);
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
