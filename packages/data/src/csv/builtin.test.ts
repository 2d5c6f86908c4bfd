import { describe, expect, it } from '@jest/globals';
import { createRng } from '@clearprop/tensor';
import { DataError } from '../errors.ts';
import { classCounts } from '../labels.ts';
import { splitDataset } from '../split.ts';
import { subset } from '../subset.ts';
import { assertCompatible } from '../dataset.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BREAST_CANCER_CSV } from '../datasets/breast-cancer.ts';
import { DIGITS_CSV } from '../datasets/digits.ts';
import { IRIS_CSV } from '../datasets/iris.ts';
import { WINE_CSV } from '../datasets/wine.ts';
import { builtinCsv, loadBreastCancer, loadDigits, loadIris, loadWine } from './builtin.ts';
import { loadCsv } from './load-csv.ts';

const vendored = (file: string) => fileURLToPath(new URL(`../../datasets/${file}`, import.meta.url));

describe('the generated data modules (tools/gen-datasets.ts)', () => {
  it('hold the text of the vendored CSVs (with LF line ends)', () => {
    const text = (file: string) => readFileSync(vendored(file), 'utf8').replace(/\r\n/g, '\n');
    expect(IRIS_CSV).toBe(text('iris.csv'));
    expect(DIGITS_CSV).toBe(text('digits.csv'));
    expect(WINE_CSV).toBe(text('wine.csv'));
    expect(BREAST_CANCER_CSV).toBe(text('breast-cancer.csv'));
    expect(builtinCsv('wine.csv')).toBe(WINE_CSV);
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

// Counts and first/last values as Debian's python3-sklearn 1.2.1 has them:
//   from sklearn.datasets import load_wine, load_breast_cancer; import numpy as np
//   np.bincount(load_wine().target) → [59, 71, 48]; load_wine().data[0][:3] → [14.23, 1.71, 2.43]
//   np.bincount(load_breast_cancer().target) → [212, 357]; load_breast_cancer().data[568][-1] → 0.07039
describe('loadWine and loadBreastCancer (exported from scikit-learn)', () => {
  it('wine: 178 rows × 13 features, 3 cultivars of 59, 71, 48', () => {
    const wine = loadWine();
    expect(wine).toMatchObject({ name: 'wine', length: 178, features: 13, targets: 3, classes: 3 });
    expect(classCounts(wine)).toEqual([59, 71, 48]);
    expect(Array.from(wine.x.subarray(0, 3))).toEqual([14.23, 1.71, 2.43].map(Math.fround));
  });
  it('breast cancer: 569 rows × 30 features, 212 malignant (0) and 357 benign (1)', () => {
    const cancer = loadBreastCancer();
    expect(cancer).toMatchObject({ name: 'breast-cancer', length: 569, features: 30, targets: 2, classes: 2 });
    expect(cancer.classLabels).toEqual(['malignant', 'benign']);
    expect(classCounts(cancer)).toEqual([212, 357]);
    expect(cancer.x[569 * 30 - 1]).toBe(Math.fround(0.07039));
  });
});
