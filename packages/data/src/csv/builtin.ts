import { fileURLToPath } from 'node:url';
import type { Dataset } from '../dataset.ts';
import { loadCsv } from './load-csv.ts';

/** Absolute path of a CSV vendored in packages/data/datasets (resolved from this module, not the working directory). */
export function builtinPath(file: 'iris.csv' | 'digits.csv'): string {
  return fileURLToPath(new URL(`../../datasets/${file}`, import.meta.url));
}

/**
 * Fisher's iris: 150 flowers, 4 measurements in cm, 3 species. Shapes: x [150, 4], y [150, 3] one-hot.
 * Rows are sorted by class: split with `splitDataset`, which shuffles first. Licence CC BY 4.0 (see datasets/README.md).
 */
export function loadIris(): Dataset {
  return loadCsv(builtinPath('iris.csv'), {
    target: 'label',
    task: 'classification',
    classes: 3,
    classLabels: ['setosa', 'versicolor', 'virginica'],
    name: 'iris',
  });
}

/**
 * UCI optical handwritten digits (scikit-learn's copy): 1797 images of 8×8 pixel counts 0–16, 10 classes.
 * Shapes: x [1797, 64], y [1797, 10] one-hot. Licence CC BY 4.0 (see datasets/README.md).
 */
export function loadDigits(): Dataset {
  return loadCsv(builtinPath('digits.csv'), {
    target: 'label',
    task: 'classification',
    classes: 10,
    classLabels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    name: 'digits',
  });
}
