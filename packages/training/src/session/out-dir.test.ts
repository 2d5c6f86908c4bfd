import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultOutDir, makeDirectory, prepareOutDir, removeStaleTemps } from './out-dir.ts';

const temp = () => mkdtempSync(join(tmpdir(), 'clearprop-outdir-'));

describe('run folders', () => {
  it('defaultOutDir is <runs>/<safe name>-<UTC stamp>, or <runs>/<safe name> without a clock', () => {
    expect(defaultOutDir('/w/runs', 'seed-code1', Date.UTC(2025, 0, 2, 3, 4, 5))).toBe('/w/runs/seed-code1-20250102-030405');
    expect(defaultOutDir('/w/runs', 'my run/2', 0)).toBe('/w/runs/my-run-2-19700101-000000');
    expect(defaultOutDir('/w/runs', 'my run/2')).toBe('/w/runs/my-run-2');
  });

  it('prepareOutDir suffixes a default folder that exists, and reuses an explicit one', () => {
    const base = join(temp(), 'runs', 'x');
    expect(prepareOutDir(base, { explicit: false })).toBe(base);
    expect(prepareOutDir(base, { explicit: false })).toBe(`${base}-2`);
    expect(prepareOutDir(base, { explicit: true })).toBe(base);
    expect(existsSync(`${base}-2`)).toBe(true);
  });

  it('makeDirectory fails at once, naming the path, where recursive mkdir would spin or stack-trace', () => {
    expect(() => makeDirectory('/proc/x/y')).toThrow(/^cannot write \/proc\/x\/y: /);
    const dir = temp();
    writeFileSync(join(dir, 'f'), '');
    expect(() => makeDirectory(join(dir, 'f', 'g'))).toThrow(`cannot write ${join(dir, 'f', 'g')}: a part of the path is not a directory (ENOTDIR)`);
  });

  it('removeStaleTemps removes temp files other processes left before this one started, and nothing else', () => {
    const dir = temp();
    const old = new Date(Date.UTC(2020, 0, 1));
    const files = { stale: '.model.safetensors.999999.0.tmp', mine: `.model.safetensors.${process.pid}.0.tmp`, fresh: '.events.ndjson.999998.1.tmp', other: 'model.safetensors' };
    for (const name of Object.values(files)) writeFileSync(join(dir, name), 'x');
    for (const name of [files.stale, files.mine, files.other]) utimesSync(join(dir, name), old, old);
    const removed = removeStaleTemps(dir, { pid: process.pid, startedAtMs: Date.UTC(2024, 0, 1) });
    expect(removed).toEqual([join(dir, files.stale)]);
    expect([files.mine, files.fresh, files.other].every((name) => existsSync(join(dir, name)))).toBe(true);
  });
});
