import { describe, expect, it } from '@jest/globals';
import { DataError } from '../errors.ts';
import { parseCsv, type CsvOptions } from './parse-csv.ts';

/** Runs parseCsv expecting a DataError; returns it for field and message checks. */
function failure(text: string, options: Partial<CsvOptions> = {}): DataError {
  try {
    parseCsv(text, { source: 'bad.csv', target: 'label', ...options });
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error('expected parseCsv to throw');
}

describe('parseCsv: happy path', () => {
  it('documented usage', () => {
    const ds = parseCsv('a,b,label\n1,2,0\n3,4,1\n', { source: 'tiny.csv', target: 'label', task: 'classification' });
    expect(ds.classes).toBe(2);
  });

  it('reads regression targets; every other column is a feature, in file order', () => {
    const ds = parseCsv('y,a,z,b\n1,2,3,4\n5,6,7,8\n', { source: 'r.csv', target: ['z', 'y'] });
    expect(ds).toMatchObject({ name: 'r.csv', task: 'regression', length: 2, features: 2, targets: 2 });
    expect(ds.featureNames).toEqual(['a', 'b']);
    expect(ds.targetNames).toEqual(['z', 'y']);
    expect(Array.from(ds.x)).toEqual([2, 4, 6, 8]);
    expect(Array.from(ds.y)).toEqual([3, 1, 7, 5]);
  });

  it('one-hot encodes class labels; classes = max label + 1 unless given', () => {
    const text = 'f,label\n0.5,2\n-1e-3,0\n';
    const ds = parseCsv(text, { target: 'label', task: 'classification' });
    expect(ds.classes).toBe(3);
    expect(Array.from(ds.y)).toEqual([0, 0, 1, 1, 0, 0]);
    expect(Array.from(ds.x)).toEqual([0.5, Math.fround(-1e-3)]);
    const named = parseCsv(text, { target: 'label', task: 'classification', classes: 4, classLabels: ['a', 'b', 'c', 'd'] });
    expect(named.targets).toBe(4);
    expect(named.classLabels).toEqual(['a', 'b', 'c', 'd']);
  });

  it('tolerates a BOM, CRLF, quotes, blank lines and padded cells', () => {
    const ds = parseCsv('\uFEFF"a", label\r\n 1.5 ,"0"\r\n\r\n2,1\r\n', { target: 'label', task: 'classification' });
    expect(Array.from(ds.x)).toEqual([1.5, 2]);
    expect(ds.length).toBe(2);
  });
});

describe('parseCsv: errors name file, line and column', () => {
  it('non-numeric cell', () => {
    const error = failure('a,b,label\n1,2,0\n3,abc,1\n');
    expect(error).toMatchObject({ file: 'bad.csv', line: 3, column: 2 });
    expect(error.message).toBe('bad.csv, line 3, column 2 ("b"): cell "abc" is not a number');
  });

  it('empty cell', () => {
    expect(failure('a,b,label\n1,,0\n').message).toMatch(/^bad\.csv, line 2, column 2 \("b"\): cell is empty/);
  });

  it('ragged rows, short and long', () => {
    const short = failure('a,b,label\n1,2,0\n3,4\n');
    expect(short).toMatchObject({ line: 3, column: 3 });
    expect(short.message).toBe('bad.csv, line 3, column 3: ragged row: 2 cells but the header has 3 columns');
    expect(failure('a,b,label\n1,2,0,9\n').message).toMatch(/^bad\.csv, line 2, column 4: ragged row: 4 cells/);
  });

  it('missing target column lists the available columns', () => {
    const error = failure('a,b,class\n1,2,0\n');
    expect(error).toMatchObject({ file: 'bad.csv', line: 1, column: undefined });
    expect(error.message).toBe('bad.csv, line 1: target column "label" not found in the header; available columns: a, b, class');
  });

  it('empty file and header-only file', () => {
    expect(failure('').message).toBe('bad.csv, line 1: file is empty; expected a header row');
    expect(failure('\n\n').line).toBe(1);
    expect(failure('a,label\n').message).toBe('bad.csv, line 2: file has a header but no data rows');
  });

  it.each([
    ['1.5', /class label "1.5" must be an integer ≥ 0/],
    ['-1', /class label "-1" must be an integer ≥ 0/],
    ['3', /class label 3 is out of range for 3 classes/],
  ])('bad class label %s', (label, message) => {
    const error = failure(`a,label\n1,0\n2,${label}\n`, { task: 'classification', classes: 3 });
    expect(error).toMatchObject({ line: 3, column: 2 });
    expect(error.message).toMatch(/^bad\.csv, line 3, column 2 \("label"\): /);
    expect(error.message).toMatch(message);
  });

  it.each(['NaN', 'inf', '-Infinity', '1e999'])('non-finite value %s', (value) => {
    const error = failure(`a,label\n${value},0\n`);
    expect(error).toMatchObject({ line: 2, column: 1 });
    expect(error.message).toMatch(new RegExp(`^bad\\.csv, line 2, column 1 \\("a"\\): value "${value}" .*finite`));
  });

  it('rejects hex and other non-decimal spellings', () => {
    expect(failure('a,label\n0x1f,0\n').message).toMatch(/cell "0x1f" is not a number/);
  });

  it('duplicate column names', () => {
    expect(failure('a,a,label\n1,2,0\n').message).toBe('bad.csv, line 1, column 2 ("a"): duplicate column name');
  });

  it('CSV syntax errors keep the file and line', () => {
    const error = failure('a,label\n1,"0\n');
    expect(error.file).toBe('bad.csv');
    expect(error.message).toMatch(/^bad\.csv, line \d+.*invalid CSV: Quote Not Closed/);
  });

  it('classification needs exactly one target column', () => {
    expect(() => parseCsv('a,b\n1,0\n', { target: ['a', 'b'], task: 'classification' })).toThrow(/exactly one target column/);
  });

  it('defaults the source name', () => {
    expect(() => parseCsv('', { target: 'y' })).toThrow(/^<csv>, line 1: file is empty/);
  });
});

describe('parseCsv: targetsOptional (inputs to predict on)', () => {
  it('reads every column as a feature and zero targets when all target columns are absent', () => {
    const ds = parseCsv('a,b\n1,2\n3,4\n', { source: 'in.csv', target: ['y0', 'y1'], targetsOptional: true });
    expect([ds.length, ds.features, ds.targets]).toEqual([2, 2, 2]);
    expect(Array.from(ds.y)).toEqual([0, 0, 0, 0]);
    const labels = parseCsv('a,b\n1,2\n', { source: 'in.csv', target: 'label', task: 'classification', classes: 3, targetsOptional: true });
    expect(Array.from(labels.y)).toEqual([1, 0, 0]);
  });
  it('still names file, line and column for a ragged row, counting the real cells', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n', { source: 'in.csv', target: 'label', targetsOptional: true })).toThrow('in.csv, line 3, column 2');
    expect(() => parseCsv('a,b\n1,2\n3\n', { source: 'in.csv', target: 'label', targetsOptional: true })).toThrow('ragged row: 1 cell but the header has 2 columns');
  });
  it('is still an error when only some target columns are present', () => {
    expect(() => parseCsv('a,y0\n1,2\n', { source: 'in.csv', target: ['y0', 'y1'], targetsOptional: true })).toThrow('target column "y1" not found');
  });
});

describe('parseCsv: weightColumn (per-row sample weights)', () => {
  const options = { source: 'w.csv', target: 'label', task: 'classification' as const, weightColumn: 'w' };
  it('reads the column as weights, not as a feature', () => {
    const ds = parseCsv('a,w,label\n1,0.5,0\n2,0,1\n3,2,1\n', options);
    expect([ds.features, ds.featureNames, Array.from(ds.weights ?? [])]).toEqual([1, ['a'], [0.5, 0, 2]]);
  });
  it('names the cell of a negative or NaN weight, and the header when the column is missing', () => {
    expect(() => parseCsv('a,w,label\n1,0.5,0\n2,-1,1\n', options)).toThrow('w.csv, line 3, column 2 ("w"): sample weight -1 is negative; weights must be finite numbers ≥ 0');
    expect(() => parseCsv('a,w,label\n1,NaN,0\n', options)).toThrow('w.csv, line 2, column 2 ("w"): value "NaN" is not finite');
    expect(() => parseCsv('a,label\n1,0\n', options)).toThrow('w.csv, line 1: sample weight column "w" not found in the header; available columns: a, label');
  });
  it('is optional when asked (eval on a file without weights), and never read for predict', () => {
    expect(parseCsv('a,label\n1,0\n', { ...options, weightColumnOptional: true }).weights).toBeUndefined();
    const predictInput = parseCsv('a,w\n1,oops\n', { ...options, classes: 2, ignoreTargets: true });
    expect([predictInput.featureNames, predictInput.weights]).toEqual([['a'], undefined]);
  });
  it('cannot also be the target', () => {
    expect(() => parseCsv('a,label\n1,0\n', { ...options, weightColumn: 'label' })).toThrow('"label" cannot be both a target and the weight column');
  });
});
