import { describe, expect, it } from '@jest/globals';
import { PRESET_NAMES } from '@clearprop/training';
import { cli, tempDir } from './cli-harness.ts';

const summaryOf = (stdout: string) => JSON.parse(stdout) as { status: string; epochs: number; task: string; accuracy?: number; final: { test?: { accuracy?: number } } };

describe('presets', () => {
  it('every preset trains for a few epochs and exits 0', async () => {
    const results = await Promise.all(
      PRESET_NAMES.map((name) => cli(['train', '--preset', name, '--epochs', '2', '--out-dir', tempDir(), '--json', '-q']).then((r) => ({ name, ...r }))),
    );
    for (const r of results) {
      expect({ name: r.name, code: r.code, stderr: r.stderr }).toEqual({ name: r.name, code: 0, stderr: '' });
      expect(summaryOf(r.stdout)).toMatchObject({ status: 'completed', epochs: 2 });
    }
    expect(PRESET_NAMES).toEqual(expect.arrayContaining(['sin', 'seed-code1', 'seed-code2', 'xor', 'moons', 'spirals', 'iris', 'digits']));
  });

  it('digits reaches ≥ 0.97 and iris ≥ 0.93 test accuracy with their own settings (stratified 80/20)', async () => {
    const [digits, iris] = await Promise.all(['digits', 'iris'].map((name) => cli(['train', '--preset', name, '--out-dir', tempDir(), '--json', '-q'])));
    expect(digits.code).toBe(0);
    expect(iris.code).toBe(0);
    expect(summaryOf(digits.stdout).final.test?.accuracy).toBeGreaterThanOrEqual(0.97);
    expect(summaryOf(iris.stdout).final.test?.accuracy).toBeGreaterThanOrEqual(0.93);
    expect(summaryOf(digits.stdout).accuracy).toBe(summaryOf(digits.stdout).final.test?.accuracy);
  });
});
