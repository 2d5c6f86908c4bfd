import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from './config-file.ts';
import { duplicateJsonKey } from './json-keys.ts';

describe('duplicateJsonKey (#11 F12)', () => {
  it('finds a repeated key with its field path and both lines', () => {
    expect(duplicateJsonKey('{"seed": 1,\n"epochs": 2,\n"seed": 3}')).toEqual({ field: 'seed', key: 'seed', line: 3, firstLine: 1 });
    const nested = '{"model": {"layers": [\n {"units": 3},\n {"units": 3,\n  "units": 4}]}}';
    expect(duplicateJsonKey(nested)).toEqual({ field: 'model.layers[1].units', key: 'units', line: 4, firstLine: 3 });
  });

  it('compares keys after unescaping, and ignores braces, commas and quotes inside strings', () => {
    expect(duplicateJsonKey('{"a\\"b": 1, "a\\u0022b": 2}')?.key).toBe('a"b');
    expect(duplicateJsonKey('{"a": "{\\"a\\": 1, \\"a\\": 2}", "b": [",", "}"], "c": {"a": 1}}')).toBeUndefined();
  });

  it('keeps one key set per object: the same key in sibling objects or array items is fine', () => {
    expect(duplicateJsonKey('[{"x": 1}, {"x": 2}, [{"x": 3}]]')).toBeUndefined();
    expect(duplicateJsonKey('{"a": {"x": 1}, "b": {"x": 1}, "x": 0}')).toBeUndefined();
  });

  it('loadConfigFile refuses a JSON config that repeats a key, naming the file, field and line', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'clearprop-dup-')), 'wine.json');
    writeFileSync(path, '{\n  "name": "a",\n  "name": "b"\n}\n');
    await expect(loadConfigFile(path)).rejects.toThrow(`${path}: name: line 3: duplicate key "name" (first on line 2); each key may appear once`);
  });
});
