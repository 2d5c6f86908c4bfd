import { describe, expect, it } from '@jest/globals';
import { createRng } from '@clearprop/tensor';
import { DataError } from '../errors.ts';
import { classCounts } from '../labels.ts';
import { splitDataset } from '../split.ts';
import { subset } from '../subset.ts';
import { assertCompatible } from '../dataset.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DIGITS_CSV } from '../datasets/digits.ts';
import { IRIS_CSV } from '../datasets/iris.ts';
import { loadDigits, loadIris } from './builtin.ts';
import { loadCsv } from './load-csv.ts';

const vendored = (file: string) => fileURLToPath(new URL(`../../datasets/${file}`, import.meta.url));

describe('the generated data modules (tools/gen-datasets.ts)', () => {
  it('hold the text of the vendored CSVs (with LF line ends)', () => {
    const text = (file: string) => readFileSync(vendored(file), 'utf8').replace(/\r\n/g, '\n');
    expect(IRIS_CSV).toBe(text('iris.csv'));
    expect(DIGITS_CSV).toBe(text('digits.csv'));
  });
});

describe('loadIris', () => {
  const iris = loadIris();

  it('has 150 rows × 4 features and 3 named classes of 50', () => {
    expect(iris).toMatchObject({ name: 'iris', task: 'classification', length: 150, features: 4, targets: 3, classes: 3 });
    expect(iris.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(iris.classLabels).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(classCounts(iris)).toEqual([50, 50, 50]);
    expect(Array.from(iris.x.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
  });

  it('is class-sorted in the file, yet a split gets every class in every part (tfjs #5976)', () => {
    expect(classCounts(subset(iris, Array.from({ length: 50 }, (_, i) => i)))).toEqual([50, 0, 0]);
    const split = splitDataset(iris, { fractions: { train: 0.7, validation: 0.15, test: 0.15 }, rng: createRng(42) });
    for (const part of [split.train, split.validation, split.test]) {
      expect(classCounts(part).every((count) => count > 0)).toBe(true);
    }
  });
});

describe('loadDigits', () => {
  it('has 1797 rows × 64 pixel features and 10 classes', () => {
    const digits = loadDigits();
    expect(digits).toMatchObject({ name: 'digits', length: 1797, features: 64, targets: 10, classes: 10 });
    expect(digits.featureNames[63]).toBe('p63');
    expect(Math.max(...digits.x)).toBe(16);
    expect(classCounts(digits).every((count) => count > 170)).toBe(true);
  });

  it('stratified 80/20 split keeps the class proportions', () => {
    const digits = loadDigits();
    const { train, test } = splitDataset(digits, { fractions: { train: 0.8, test: 0.2 }, rng: createRng(1), stratify: true });
    const all = classCounts(digits);
    classCounts(test).forEach((count, c) => expect(Math.abs(count - 0.2 * all[c])).toBeLessThanOrEqual(1));
    expect(train.length + test.length).toBe(1797);
  });
});

describe('loadCsv', () => {
  it('names the path in errors and reports unreadable files as DataError', () => {
    expect(() => loadCsv('/nonexistent/x.csv', { target: 'y' })).toThrow(DataError);
    expect(() => loadCsv('/nonexistent/x.csv', { target: 'y' })).toThrow(/^\/nonexistent\/x\.csv: cannot read file/);
    expect(() => loadCsv(vendored('iris.csv'), { target: 'species' })).toThrow(/iris\.csv, line 1: target column "species" not found/);
  });

  it('a separate validation file is just another load with the same options', () => {
    const options = { target: 'label', task: 'classification', classes: 3 } as const;
    const a = loadCsv(vendored('iris.csv'), options);
    const b = loadCsv(vendored('iris.csv'), options);
    expect(() => assertCompatible(a, b)).not.toThrow();
    expect(() => assertCompatible(a, loadDigits())).toThrow(/but digits is/);
  });
});
