import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import { buildExperiment } from './experiments/build.ts';
import { csvFiles } from './experiments/csv-files.ts';
import { ofType } from './operators/of-type.ts';
import { mlpClassifierConfig, paritySplit, type ParitySet } from './testing/mlp-parity.ts';
import { train } from './train.ts';

// scikit-learn's MLPClassifier() test accuracy for random_state 0…4 on the same split files (PARITY_SPLIT_SEED),
// from Debian's python3-sklearn 1.2.1: /usr/bin/python3 tools/sklearn/mlp_baseline.py <set>-train.csv <set>-test.csv 5
// (the files as ./tools/compare-sklearn.ts writes them; it runs both sides live and prints docs/sklearn.md's table):
//   iris {"accuracy": [0.9666666666666667, 0.9333333333333333, 0.9666666666666667, 0.9666666666666667, 0.9333333333333333]}
//   digits {"accuracy": [0.9749303621169917, 0.9693593314763231, 0.9832869080779945, 0.9777158774373259, 0.9749303621169917]}
//   wine {"accuracy": [1.0, 1.0, 1.0, 1.0, 1.0]}
//   breastCancer {"accuracy": [0.9823008849557522, 0.9911504424778761, 0.9823008849557522, 0.9734513274336283, 0.9823008849557522]}
const SKLEARN: Record<ParitySet, readonly number[]> = {
  iris: [0.9666666666666667, 0.9333333333333333, 0.9666666666666667, 0.9666666666666667, 0.9333333333333333],
  digits: [0.9749303621169917, 0.9693593314763231, 0.9832869080779945, 0.9777158774373259, 0.9749303621169917],
  wine: [1.0, 1.0, 1.0, 1.0, 1.0],
  breastCancer: [0.9823008849557522, 0.9911504424778761, 0.9823008849557522, 0.9734513274336283, 0.9823008849557522],
};

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clearprop-parity-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Test rows classified correctly by clearprop's MLPClassifier config, for seeds 0…4, on one parity set. */
async function correctRows(name: ParitySet): Promise<number[]> {
  const split = paritySplit(name);
  const files = { train: join(dir, `${name}-train.csv`), test: join(dir, `${name}-test.csv`) };
  writeFileSync(files.train, split.train);
  writeFileSync(files.test, split.test);
  const correct: number[] = [];
  for (let seed = 0; seed < 5; seed++) {
    const { spec } = buildExperiment(mlpClassifierConfig({ ...files, trainRows: split.trainRows, classes: split.classes, seed }), { readCsv: csvFiles() });
    // Only the numbers matter here: no batch events, no per-epoch confusion snapshots, only the test set at the end.
    const end = await lastValueFrom(train(spec, { batchEvents: false, snapshotEvery: spec.epochs, finalMetrics: ['test'] }).pipe(ofType('runEnd')));
    correct.push(Math.round((end.final.test?.accuracy ?? 0) * split.testRows));
  }
  return correct;
}

// The bar is the mean over 5 seeds ≥ scikit-learn's. Seeds draw different inits and batch orders on the two
// sides, so a strict ≥ fails by chance on a set where both are near 100% (wine: one row in one of five runs; over 20
// seeds both miss exactly two rows, docs/sklearn.md). The suite therefore allows clearprop one misclassified test
// row more than scikit-learn over the five runs together, and no more. Digits (1 600 steps of a 64-100-10 net per
// seed) is left to the tool, to keep CI short.
describe('the MLPClassifier()-matching config reaches scikit-learn’s test accuracy (5 seeds, same split files)', () => {
  it.each(['iris', 'wine', 'breastCancer'] as const)('%s', async (name) => {
    const split = paritySplit(name);
    const ours = await correctRows(name);
    const theirs = SKLEARN[name].map((accuracy) => Math.round(accuracy * split.testRows));
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(ours)).toBeGreaterThanOrEqual(sum(theirs) - 1);
  }, 60_000);
});
