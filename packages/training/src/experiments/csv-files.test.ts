import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvFiles } from './csv-files.ts';

describe('csvFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clearprop-csv-files-'));
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data', 'x.csv'), 'a,label\n1,0\n2,1\n3,0\n');

  it('reads relative paths against baseDir and absolute ones as they are; errors name the resolved file', () => {
    const read = csvFiles(dir);
    expect(read('data/x.csv', { target: 'label' }).length).toBe(3);
    expect(read(join(dir, 'data', 'x.csv'), { target: 'label' }).length).toBe(3);
    expect(() => read('missing.csv', { target: 'label' })).toThrow(`${join(dir, 'missing.csv')}: cannot read file`);
  });
});
