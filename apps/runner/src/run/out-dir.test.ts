import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultOutDir, prepareOutDir } from './out-dir.ts';

describe('out dir', () => {
  it('defaultOutDir is runs/<safe name>-<UTC stamp>', () => {
    expect(defaultOutDir('/w', 'seed-code1', Date.UTC(2025, 0, 2, 3, 4, 5))).toBe('/w/runs/seed-code1-20250102-030405');
    expect(defaultOutDir('/w', 'my run/2', 0)).toBe('/w/runs/my-run-2-19700101-000000');
  });

  it('prepareOutDir suffixes a default folder that exists, and reuses an explicit one', () => {
    const base = join(mkdtempSync(join(tmpdir(), 'outdir-')), 'runs', 'x');
    expect(prepareOutDir(base, { explicit: false })).toBe(base);
    expect(prepareOutDir(base, { explicit: false })).toBe(`${base}-2`);
    expect(prepareOutDir(base, { explicit: true })).toBe(base);
    expect(existsSync(`${base}-2`)).toBe(true);
  });
});
