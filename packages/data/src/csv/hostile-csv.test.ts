import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError } from '../errors.ts';
import { loadCsv } from './load-csv.ts';
import { countLines, parseCsv, readCsv, type CsvOptions } from './parse-csv.ts';
import { DEFAULT_MAX_ROW_BYTES } from './table-builder.ts';

/** Runs parseCsv expecting a DataError; returns it. */
function failure(text: string, options: Partial<CsvOptions> = {}): DataError {
  try {
    parseCsv(text, { source: 'bad.csv', target: 'label', ...options });
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error('expected parseCsv to throw');
}

/** parseCsv's result or error message, read in chunks of `chunkBytes` (to compare chunkings). */
function outcome(text: string, options: CsvOptions, chunkBytes: number): unknown {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  try {
    return readCsv((into, at) => {
      const count = Math.min(into.length - at, bytes.length - offset, chunkBytes);
      into.set(bytes.subarray(offset, offset + count), at);
      offset += count;
      return count;
    }, { ...options, chunkBytes }, countLines(bytes));
  } catch (error) {
    return (error as Error).message;
  }
}

describe('F4: class labels are bounded while parsing', () => {
  it.each(['100000000', '3000000000'])('label %s fails at its cell, with file, line and column', (label) => {
    const error = failure(`a,label\n1,0\n2,1\n3,${label}\n4,0\n`, { task: 'classification' });
    expect(error).toMatchObject({ file: 'bad.csv', line: 4, column: 2 });
    expect(error.message).toBe(`bad.csv, line 4, column 2 ("label"): class label ${Number(label)} is over the limit of 1000 classes (labels are 0…999; raise maxClasses for more)`);
  });

  it('maxClasses raises (or lowers) the limit; a given class count is its own bound', () => {
    expect(parseCsv('a,label\n1,0\n2,1500\n', { target: 'label', task: 'classification', maxClasses: 2000 }).classes).toBe(1501);
    expect(failure('a,label\n1,0\n2,5\n', { task: 'classification', maxClasses: 5 }).message).toMatch(/class label 5 is over the limit of 5 classes/);
    expect(failure('a,label\n1,0\n2,5\n', { task: 'classification', classes: 3 }).message).toMatch(/class label 5 is out of range for 3 classes/);
  });
});

describe('float32 range', () => {
  it('a finite double beyond float32 is an error at its cell (found by the fuzz suite)', () => {
    expect(failure('f0,label\n-3.4028235677973366e+38,0\n').message).toBe('bad.csv, line 2, column 1 ("f0"): value "-3.4028235677973366e+38" overflows float32 (beyond ±3.4e38); cells must be finite numbers');
    expect(parseCsv('f0,label\n3.4028234e38,0\n', { target: 'label' }).x[0]).toBe(Math.fround(3.4028234e38));
  });
});

describe('F4/F14: row length limit and what errors quote', () => {
  const cell = 'x'.repeat(5 * 2 ** 20);

  it('a 5 MB cell is a row over the limit, named by line, without echoing it', () => {
    const error = failure(`a,label\n1,0\n${cell},1\n`);
    expect(error.message).toBe(`bad.csv, line 3: row is longer than ${DEFAULT_MAX_ROW_BYTES} bytes (the maxRowBytes limit; raise it for longer rows)`);
  });

  it('with the limit raised, the cell is quoted in at most 120 characters', () => {
    const error = failure(`a,label\n1,0\n${cell},1\n`, { maxRowBytes: 6 * 2 ** 20 });
    expect(error.message).toBe(`bad.csv, line 3, column 1 ("a"): cell "${'x'.repeat(119)}…" is not a number`);
  });

  it('strips ANSI and OSC escapes from quoted cells and column names', () => {
    const error = failure('a\u001b[2J,label\n"\u001b]0;owned\u0007\u001b[31mred",0\n');
    expect(error.message).toBe('bad.csv, line 2, column 1 ("a"): cell "red" is not a number');
    expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe('F14: available columns only for files that parse as CSV', () => {
  it('a numeric table lists its columns (cut to 120 characters)', () => {
    expect(failure('a,b,class\n1,2,0\n').message).toBe('bad.csv, line 1: target column "label" not found in the header; available columns: a, b, class');
    const wide = `${Array.from({ length: 200 }, (_, i) => `feature_${i}`).join(',')}\n${Array(200).fill(1).join(',')}\n`;
    expect(failure(wide).message).toMatch(/available columns: feature_0, feature_1, .* … \(\+\d+ more\)$/);
  });

  it('/etc/passwd or /proc/self/environ lookalikes: no content in the message', () => {
    const passwd = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n';
    expect(failure(passwd).message).toBe('bad.csv, line 1: target column "label" not found in the header, and line 2 is not a row of numbers: is this a CSV file?');
    const environ = 'HOME=/root\u0000SECRET=hunter2\u0000PATH=/usr/bin';
    expect(failure(environ).message).toBe('bad.csv, line 1: target column "label" not found in the header');
  });
});

describe('F16: ignoreTargets (predict)', () => {
  it('skips target columns whatever they hold, and accepts files without them', () => {
    const ds = parseCsv('a,label,b\n1,5,2\n3,junk,4\n', { target: 'label', task: 'classification', classes: 3, ignoreTargets: true });
    expect([ds.length, ds.features, ds.targets]).toEqual([2, 2, 3]);
    expect(Array.from(ds.x)).toEqual([1, 2, 3, 4]);
    expect(ds.featureNames).toEqual(['a', 'b']);
    const none = parseCsv('a,b\n1,2\n', { target: ['y0', 'y1'], ignoreTargets: true });
    expect([none.features, none.targets, Array.from(none.y)]).toEqual([2, 2, [0, 0]]);
  });
});

describe('streaming: chunking never changes the result', () => {
  const cases: [string, CsvOptions][] = [
    ['\uFEFFa,"b ""q""",label\r\n1,"2",0\r\n\r\n"3",4,1\r\n', { target: 'label', task: 'classification' }],
    ['a,note,label\n1,"multi\nline, with comma",0\n2,x,1\n', { target: 'note', ignoreTargets: true }],
    ['a,label\r1,0\r2,1\r', { target: 'label' }],
    ['a,label\n1,0\n2,"1\n', { target: 'label' }],
    ['a,label\n1,0\n2,1,3\n', { target: 'label' }],
    ['a,label\n1,0\n2,7e3\n', { target: 'label', task: 'classification' }],
    ['a,label\n1,0\n2,1', { target: 'label' }],
    ['é,label\nnaïve,0\n', { target: 'label' }],
  ];
  it.each(cases)('%j', (text, options) => {
    const whole = outcome(text, options, 1 << 20);
    for (const chunk of [1, 2, 3, 5, 8]) expect(outcome(text, options, chunk)).toEqual(whole);
  });

  it('a row count that was too low only makes the arrays grow', () => {
    const text = `a,label\n${Array.from({ length: 100 }, (_, i) => `${i},${i % 2}`).join('\n')}\n`;
    const bytes = new TextEncoder().encode(text);
    let offset = 0;
    const ds = readCsv((into, at) => {
      const count = Math.min(into.length - at, bytes.length - offset);
      into.set(bytes.subarray(offset, offset + count), at);
      offset += count;
      return count;
    }, { target: 'label', task: 'classification' }, 0);
    expect(ds).toEqual(parseCsv(text, { target: 'label', task: 'classification' }));
  });

  it('loadCsv reads a file exactly as parseCsv reads its text, and names the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clearprop-csv-'));
    try {
      const path = join(dir, 'd.csv');
      const text = `x,y,label\n${Array.from({ length: 5000 }, (_, i) => `${i / 7},${-i},${i % 3}`).join('\n')}\n`;
      writeFileSync(path, text);
      const options = { target: 'label', task: 'classification' } as const;
      expect(loadCsv(path, options)).toEqual(parseCsv(text, { ...options, source: path }));
      writeFileSync(path, `${text}1,2,x\n`);
      expect(() => loadCsv(path, options)).toThrow(`${path}, line 5002, column 3 ("label"): cell "x" is not a number`);
      expect(() => loadCsv(dir, options)).toThrow(new RegExp(`^${dir}: cannot read file: EISDIR`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
