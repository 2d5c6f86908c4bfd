import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sequential } from '@clearprop/nn';
import { createRng, fromData } from '@clearprop/tensor';
import { presetConfig } from '@clearprop/training';
import { saveModel } from '@clearprop/training/node';
import { cli, tempDir } from './cli-harness.ts';

describe('clearprop lr-find', () => {
  it('digits with Adam: sweeps until the loss blows up, suggests a rate within 10× of 1e-3, draws the curve, saves no model', async () => {
    const out = tempDir();
    const r = await cli(['lr-find', '--preset', 'digits', '--out-dir', out, '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]);
    expect(result).toMatchObject({ name: 'digits', rule: 'valley', end: 'exploded', optimizer: 'adam', batchSize: 32, min: 1e-7, max: 10, steps: 100, modelSaved: false });
    expect(result.suggestedLr).toBeGreaterThanOrEqual(1e-4);
    expect(result.suggestedLr).toBeLessThanOrEqual(1e-2);
    // The curve: one point per batch run, rates rising exponentially from --min, the last smoothed loss over 4× the lowest.
    expect(result.curve).toHaveLength(result.batches);
    expect(result.curve[0]).toMatchObject({ step: 1, lr: 1e-7 });
    expect(result.curve[1].lr / result.curve[0].lr).toBeCloseTo(10 ** (8 / 99), 10);
    expect(result.curve.at(-1).smoothed).toBeGreaterThan(4 * result.minLoss);
    expect(result.batches).toBeLessThan(100);
    // Nothing but the chart is written; the plot goes to stderr.
    expect(readdirSync(out)).toEqual(['lr-find.svg']);
    expect(result.chart).toBe(join(out, 'lr-find.svg'));
    expect(readFileSync(result.chart, 'utf8')).toMatch(/^<svg[\s\S]*learning rate \(log\)[\s\S]*suggested[\s\S]*<\/svg>$/);
    expect(r.stderr).toContain('digits: smoothed loss by learning rate');
    expect(r.stderr).toMatch(/▲ suggested/);
  }, 60_000);

  it('xor from near-zero weights (a saddle: XOR is uncorrelated with any linear unit) finishes and says what it saw', async () => {
    const dir = tempDir();
    const spec = { inputs: 2, layers: presetConfig('xor').model.layers };
    const params = sequential(spec).init(createRng(1)).map((l) => ({ weight: fromData(l.weight.data.map((v) => v * 1e-3), l.weight.shape), bias: l.bias }));
    await saveModel(join(dir, 'tiny.safetensors'), { spec, params });
    const r = await cli(['lr-find', '--preset', 'xor', '--init', join(dir, 'tiny.safetensors'), '--out-dir', join(dir, 'out')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('xor: ran all 100 batches, up to learning rate 10, without the loss blowing up');
    // It barely moves: the lowest smoothed loss stays within the 10% that would have made a suggestion.
    const lowest = Number(/lowest smoothed loss (\d\.\d{4}) at learning rate/.exec(r.stdout)?.[1]);
    expect(lowest).toBeGreaterThan(0.9 * 0.6931);
    expect(lowest).toBeLessThanOrEqual(0.6932);
    expect(r.stdout).toContain('no suggestion: the smoothed loss never fell 10% below where it started (0.693)');
    expect(r.stdout).toContain('the model was not saved: lr-find only measures');
    expect(existsSync(join(dir, 'out', 'lr-find.svg'))).toBe(true);
  }, 60_000);

  it('a sweep that cannot run exits 1 naming the flag, before anything is made; a flag that is not a number exits 2', async () => {
    const cwd = tempDir();
    const cases: [string[], string][] = [
      [['--min', '1', '--max', '0.5'], 'error: --min 1 must be below --max 0.5: the sweep runs from --min up to --max\n'],
      [['--min', '0.1', '--max', '0.1'], 'error: --min 0.1 must be below --max 0.1: the sweep runs from --min up to --max\n'],
      [['--steps', '4'], 'error: --steps 4: the sweep needs a whole number of batches from 5 to 10000\n'],
      [['--steps', '7.5'], 'error: --steps 7.5: the sweep needs a whole number of batches from 5 to 10000\n'],
      [['--min', '0'], 'error: --min 0: a learning rate must be a positive number\n'],
      [['--max', '-3'], 'error: --max -3: a learning rate must be a positive number\n'],
    ];
    const runs = await Promise.all(cases.map(([flags]) => cli(['lr-find', '--preset', 'xor', ...flags], { cwd })));
    runs.forEach((r, i) => expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ code: 1, stderr: cases[i][1], stdout: '' }));
    expect(existsSync(join(cwd, 'runs'))).toBe(false);
    const notANumber = await cli(['lr-find', '--min', 'small'], { cwd });
    expect(notANumber.code).toBe(2);
    expect(notANumber.stderr).toContain(`option '--min <rate>' argument 'small' is invalid. expected a number, got "small"`);
  }, 60_000);
});
