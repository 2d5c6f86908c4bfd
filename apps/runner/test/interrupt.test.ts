import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '@clearprop/training/node';
import { cli, parseNdjson, tempDir } from './cli-harness.ts';

// Interrupts a run that would never finish (100000 epochs) as soon as its first epoch ends.
const interrupted = (dir: string, signal: NodeJS.Signals) => {
  let sent = false;
  return cli(['train', '--preset', 'iris', '--epochs', '100000', '--out-dir', dir, '--events', '-'], {
    onStdout: (child, stdout) => {
      if (!sent && stdout.includes('"type":"epochEnd"')) {
        sent = true;
        child.kill(signal);
      }
    },
  });
};

describe('SIGINT / SIGTERM', () => {
  it('SIGINT writes a final checkpoint, says where, exits 130; --resume continues bit-identically to an uninterrupted run', async () => {
    const dir = tempDir();
    const first = await interrupted(join(dir, 'a'), 'SIGINT');
    expect(first.code).toBe(130);
    const checkpoint = join(dir, 'a', 'checkpoint.safetensors');
    expect(first.stderr).toContain(`checkpoint written to ${checkpoint}`);
    expect(first.stderr).toContain(`resume with: clearprop train --resume ${checkpoint}`);
    expect(existsSync(checkpoint)).toBe(true);
    const events = parseNdjson(first.stdout);
    const saved = events.find((e) => e.type === 'checkpoint') as { epoch: number; batch: number; step: number };
    expect(events.at(-1)).toMatchObject({ type: 'runEnd', reason: 'stopped' });
    // One epoch convention on every surface: the summary's "after N epochs + B batches" and the checkpoint's
    // "epoch N+1 batch B" name the same place as the events (issue 9: "stopped after 167 epochs" next to "epoch 168").
    const end = events.at(-1) as { epochs: number; batch: number };
    expect(saved).toMatchObject(end.batch > 0 ? { epoch: end.epochs + 1, batch: end.batch } : { epoch: end.epochs });
    const after = end.batch > 0 ? `${end.epochs} epochs? \\+ ${end.batch} batch(es)?` : `${end.epochs} epochs?`;
    expect(first.stderr).toMatch(new RegExp(`iris: stopped after ${after} `));
    if (end.batch > 0) expect(first.stderr).toMatch(new RegExp(`checkpoint +${checkpoint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(epoch ${end.epochs + 1} batch ${end.batch}/\\d+\\)`));

    // Resume to a few epochs past the checkpoint, and compare with a run that was never interrupted.
    const epochs = String(saved.epoch + 3);
    const [resumed, straight] = await Promise.all([
      cli(['train', '--resume', checkpoint, '--epochs', epochs, '--out-dir', join(dir, 'b'), '--events', '-', '-q']),
      cli(['train', '--preset', 'iris', '--epochs', epochs, '--out-dir', join(dir, 'c'), '-q']),
    ]);
    expect(resumed.code).toBe(0);
    expect(straight.code).toBe(0);
    expect(parseNdjson(resumed.stdout)[0]).toMatchObject({ type: 'runStart', name: 'iris', resumedAt: { epoch: saved.epoch, batch: saved.batch } });
    const [b, c] = await Promise.all([loadModel(join(dir, 'b', 'model.safetensors')), loadModel(join(dir, 'c', 'model.safetensors'))]);
    b.params.forEach((layer, l) => {
      expect(Array.from(layer.weight.data)).toEqual(Array.from(c.params[l].weight.data));
      expect(Array.from(layer.bias.data)).toEqual(Array.from(c.params[l].bias.data));
    });
  });

  it('SIGTERM is handled the same way', async () => {
    const dir = tempDir();
    const r = await interrupted(dir, 'SIGTERM');
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/SIGTERM: writing a checkpoint/);
    expect(existsSync(join(dir, 'checkpoint.safetensors'))).toBe(true);
  });
});
