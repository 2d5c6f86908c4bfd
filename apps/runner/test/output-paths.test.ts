import { describe, expect, it } from '@jest/globals';
import { constants, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadModel } from '@clearprop/training/node';
import { cli, ROOT, tempDir, type CliResult } from './cli-harness.ts';

// Disk-full is simulated with /dev/full (every write fails with ENOSPC), always reached through a symlink in a
// scratch folder: if writing through links ever broke, the link would be replaced, never the device.
const IRIS = join(ROOT, 'packages/data/datasets/iris.csv');
const temps = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));
const oneErrorLine = (r: CliResult, pattern: RegExp) => {
  expect(r.stderr).toMatch(pattern);
  const lines = r.stderr.trim().split('\n');
  expect(lines.filter((line) => line.startsWith('error: '))).toHaveLength(1);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at |reportUnhandledError/);
};
const trainIris = (dir: string, ...args: string[]) => cli(['train', '--preset', 'iris', '--epochs', '2', '--out-dir', dir, '-q', ...args], { timeoutMs: 50_000 });

describe('output paths that cannot be written (#11 F1, F2)', () => {
  it('F1: --out-dir under /proc fails at once with one line naming the folder, instead of spinning', async () => {
    const r = await cli(['train', '--preset', 'xor', '--out-dir', '/proc/clearprop-x/run', '-q'], { timeoutMs: 30_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    oneErrorLine(r, /^error: cannot write \/proc\/clearprop-x\/run: /);
  });

  it('F2: a full disk under the event log stops the run: exit 1, one line naming the file, config and metrics kept, no temp files', async () => {
    const dir = tempDir();
    symlinkSync('/dev/full', join(dir, 'events.ndjson'));
    const r = await trainIris(dir);
    expect(r.code).toBe(1);
    oneErrorLine(r, new RegExp(`^error: cannot write ${join(dir, 'events.ndjson')}: no space left on the device \\(ENOSPC\\)$`, 'm'));
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toMatchObject({ name: 'iris' });
    expect(readFileSync(join(dir, 'metrics.csv'), 'utf8')).toMatch(/^epoch,train_loss,/);
    expect(lstatSync(join(dir, 'events.ndjson')).isSymbolicLink()).toBe(true);
    expect(temps(dir)).toEqual([]);
  });

  it('F2: a model on a full disk: exit 1, one line; the log, metrics, config and charts are still written; no temp files', async () => {
    const dir = tempDir();
    symlinkSync('/dev/full', join(dir, 'full.safetensors'));
    const r = await trainIris(join(dir, 'run'), '--out', join(dir, 'full.safetensors'));
    expect(r.code).toBe(1);
    oneErrorLine(r, new RegExp(`^error: cannot write ${join(dir, 'full.safetensors')}: no space left on the device \\(ENOSPC\\)$`, 'm'));
    expect(readdirSync(join(dir, 'run')).sort()).toEqual(['config.json', 'confusion.svg', 'events.ndjson', 'loss.svg', 'metrics.csv']);
    expect([...temps(dir), ...temps(join(dir, 'run'))]).toEqual([]);
  });

  it('F2: --out naming a directory (EISDIR) and --events into a missing folder fail with one line each', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'taken.safetensors'));
    const [isDir, noFolder] = await Promise.all([
      trainIris(join(dir, 'a'), '--out', join(dir, 'taken.safetensors')),
      trainIris(join(dir, 'b'), '--events', join(dir, 'missing', 'events.ndjson')),
    ]);
    expect([isDir.code, noFolder.code]).toEqual([1, 1]);
    oneErrorLine(isDir, new RegExp(`^error: cannot write ${join(dir, 'taken.safetensors')}: it is a directory \\(EISDIR\\)$`, 'm'));
    oneErrorLine(noFolder, new RegExp(`^error: cannot write ${join(dir, 'missing', 'events.ndjson')}: no such file or directory \\(ENOENT\\)$`, 'm'));
    expect(readdirSync(join(dir, 'taken.safetensors'))).toEqual([]);
  });

  it('F2: predict -o on a full disk or a directory: exit 1, one line naming the path, nothing left behind', async () => {
    const dir = tempDir();
    expect((await trainIris(dir)).code).toBe(0);
    symlinkSync('/dev/full', join(dir, 'full.csv'));
    mkdirSync(join(dir, 'folder.csv'));
    const predict = (out: string) => cli(['predict', '-m', 'model.safetensors', '-d', IRIS, '-o', out], { cwd: dir });
    const [full, folder] = await Promise.all([predict('full.csv'), predict('folder.csv')]);
    expect([full.code, folder.code]).toEqual([1, 1]);
    oneErrorLine(full, new RegExp(`^error: cannot write ${join(dir, 'full.csv')}: no space left on the device \\(ENOSPC\\)$`, 'm'));
    oneErrorLine(folder, new RegExp(`^error: cannot write ${join(dir, 'folder.csv')}: it is a directory \\(EISDIR\\)$`, 'm'));
    expect(temps(dir)).toEqual([]);
  });
});

describe('a closed pipe (#11 F9)', () => {
  it('train --events - whose reader goes away after one line: stops cleanly, writes its files, exits 141', async () => {
    const dir = tempDir();
    const r = await cli(['train', '--preset', 'digits', '--epochs', '1000', '--out-dir', dir, '--events', '-'], {
      timeoutMs: 50_000,
      onStdout: (child, stdout) => {
        if (stdout.includes('\n')) child.stdout?.destroy(); // like `| head -1`
      },
    });
    expect(r.code).toBe(141);
    expect(r.stderr).toContain('output closed by its reader (EPIPE)');
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(join(dir, 'checkpoint.safetensors'))).toBe(true);
    expect((await loadModel(join(dir, 'model.safetensors'))).spec.inputs).toBe(64);
    expect(temps(dir)).toEqual([]);
  });
});

describe('outputs at symlinks, FIFOs and /dev/stdout (#11 F10)', () => {
  it('predict -o writes through a symlink, straight into a FIFO and to /dev/stdout, replacing none of them', async () => {
    const dir = tempDir();
    expect((await trainIris(dir)).code).toBe(0);
    mkdirSync(join(dir, 'real'));
    symlinkSync('real/predictions.csv', join(dir, 'link.csv'));
    execFileSync('mkfifo', [join(dir, 'fifo.csv')]);
    // A non-blocking reader holds the FIFO open, so the writer never waits and the bytes wait in the pipe.
    const reader = await open(join(dir, 'fifo.csv'), constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const predict = (out: string) => cli(['predict', '-m', 'model.safetensors', '-d', IRIS, '-o', out], { cwd: dir, timeoutMs: 50_000 });
      const [link, fifo, stdout] = await Promise.all([predict('link.csv'), predict('fifo.csv'), predict('/dev/stdout')]);
      expect([link.code, fifo.code, stdout.code]).toEqual([0, 0, 0]);
      const csv = readFileSync(join(dir, 'real', 'predictions.csv'), 'utf8');
      expect(csv.split('\n')[0]).toBe('predicted,p_setosa,p_versicolor,p_virginica');
      expect(csv.trim().split('\n')).toHaveLength(151);
      expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await reader.read(buffer, 0, buffer.length);
      expect(buffer.subarray(0, bytesRead).toString()).toBe(csv);
      expect(lstatSync(join(dir, 'fifo.csv')).isFIFO()).toBe(true);
      expect(stdout.stdout).toBe(csv);
      expect(temps(dir)).toEqual([]);
    } finally {
      await reader.close();
    }
  });
});
