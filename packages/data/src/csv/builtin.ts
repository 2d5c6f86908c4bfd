import { fileURLToPath } from 'node:url';
import type { Dataset } from '../dataset.ts';
import { loadCsv } from './load-csv.ts';

/** Absolute path of a CSV vendored in packages/data/datasets (resolved from this module, not the working directory). */
export function builtinPath(file: 'iris.csv' | 'digits.csv' | 'wine.csv' | 'breast-cancer.csv'): string {
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

/**
 * UCI wine recognition (scikit-learn's copy): 178 wines, 13 chemical measurements, 3 cultivars. Features span
 * 0.1…1680: standardize them. Shapes: x [178, 13], y [178, 3] one-hot. Licence CC BY 4.0 (see datasets/README.md).
 */
export function loadWine(): Dataset {
  return loadCsv(builtinPath('wine.csv'), { target: 'label', task: 'classification', classes: 3, classLabels: ['class_0', 'class_1', 'class_2'], name: 'wine' });
}

/**
 * UCI breast cancer Wisconsin (diagnostic), scikit-learn's copy: 569 tumours, 30 features of cell nuclei, two
 * classes, 0 malignant and 1 benign. Shapes: x [569, 30], y [569, 2] one-hot (`binaryTargets` makes it one 0/1
 * column for a single sigmoid unit). Licence CC BY 4.0 (see datasets/README.md).
 */
export function loadBreastCancer(): Dataset {
  return loadCsv(builtinPath('breast-cancer.csv'), { target: 'label', task: 'classification', classes: 2, classLabels: ['malignant', 'benign'], name: 'breast-cancer' });
}
