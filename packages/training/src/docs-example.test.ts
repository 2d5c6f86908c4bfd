import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const example = fileURLToPath(new URL('../../../docs/examples/iris-early-stop.ts', import.meta.url));
const doc = fileURLToPath(new URL('../../../docs/streams.md', import.meta.url));
const sessionExample = fileURLToPath(new URL('../../../docs/examples/session-iris.ts', import.meta.url));

describe('docs/streams.md example (docs/examples/iris-early-stop.ts)', () => {
  it('is in the doc verbatim, so the two cannot drift apart', () => {
    expect(readFileSync(doc, 'utf8')).toContain(readFileSync(example, 'utf8'));
  });

  it('runs: prints one line per epoch, then stops early and ends with reason earlyStopped', () => {
    // Run the way the doc says, from the repository root, without Jest's VM-modules flags.
    const output = execFileSync(process.execPath, ['--conditions=@clearprop/source', '--import', 'tsx', example], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    const lines = output.trimEnd().split('\n');
    const epochs = lines.flatMap((line) => {
      const m = /^epoch (\d+): train loss (\d+\.\d{4}), validation loss (\d+\.\d{4})$/.exec(line);
      return m ? [{ epoch: Number(m[1]), validationLoss: Number(m[3]) }] : [];
    });
    expect(epochs.map((e) => e.epoch)).toEqual(epochs.map((_, i) => i + 1));
    expect(lines.slice(0, epochs.length).every((line) => line.startsWith('epoch '))).toBe(true);

    const stop = /^stopped early after epoch (\d+): best validation\.loss (\d+\.\d{4}) at epoch (\d+)$/.exec(lines[epochs.length]);
    expect(stop).not.toBeNull();
    const [stopEpoch, best, bestEpoch] = [Number(stop?.[1]), Number(stop?.[2]), Number(stop?.[3])];
    const last = epochs.length;
    // patience 10: the stop comes ten epochs after the best one, well before the preset's 150 epochs (epochs count from 1).
    expect(stopEpoch).toBe(last);
    expect(last - bestEpoch).toBe(10);
    expect(epochs.length).toBeLessThan(150);
    expect(best).toBe(Math.min(...epochs.map((e) => e.validationLoss)));
    expect(epochs[bestEpoch - 1].validationLoss).toBe(best);

    expect(lines[epochs.length + 1]).toMatch(new RegExp(`^run ended: earlyStopped, weights of epoch ${bestEpoch}, test accuracy \\d\\.\\d{3}$`));
    expect(lines).toHaveLength(epochs.length + 2);
  });
});

describe('docs/streams.md session example (docs/examples/session-iris.ts)', () => {
  it('is in the doc verbatim, and runs: an epoch line each, the end, and the run folder with every file', () => {
    expect(readFileSync(doc, 'utf8')).toContain(readFileSync(sessionExample, 'utf8'));
    const out = mkdtempSync(join(tmpdir(), 'clearprop-docs-session-'));
    const output = execFileSync(process.execPath, ['--conditions=@clearprop/source', '--import', 'tsx', sessionExample, out], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    const lines = output.trimEnd().split('\n');
    expect(lines.slice(0, 20).map((l) => /^epoch (\d+): train loss \d\.\d{4}$/.exec(l)?.[1])).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    expect(lines[20]).toMatch(/^completed after 20 epochs, test accuracy \d\.\d{3}$/);
    expect(lines[21]).toBe(`files: config, events, metrics, model in ${out}`);
    expect(readdirSync(out).sort()).toEqual(['config.json', 'events.ndjson', 'metrics.csv', 'model.safetensors']);
  });
});
