import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { classificationMetrics, classificationReport, logLoss, rocAuc } from './classification.ts';

// Expected values computed with Debian's python3-sklearn 1.2.1 by tools/sklearn/metrics_reference.py:
//   y3 = [0, 0, 1, 1, 1, 2, 2, 0, 1, 2]; p3 = the rows below; pred3 = p3.argmax(axis=1)
//   accuracy_score, precision_recall_fscore_support(average='macro' | 'weighted' | None, zero_division=0),
//   roc_auc_score(y3, p3, multi_class='ovr', average='macro'), roc_auc_score(y3 == k, p3[:, k]), log_loss(y3, p3)
//   three classes {"accuracy": 0.5, "macro": [0.3333333333333333, 0.47222222222222215, 0.38888888888888884],
//     "weighted": [0.36, 0.5, 0.41666666666666663], "perClass": [[0.4, 0.6, 0.0], [0.6666666666666666, 0.75, 0.0],
//     [0.5, 0.6666666666666665, 0.0], [3.0, 4.0, 3.0]], "auc": 0.806547619047619, "logLoss": 0.8902267609876668}
//     (perClass is [precision, recall, f1, support], each a list over the classes: SKLEARN_* below, transposed)
//   per-class AUC [0.7142857142857142, 0.8958333333333334, 0.8095238095238095]
//   y2 = [0, 0, 1, 1, 0, 1, 1, 0]; p2 = [0.1, 0.4, 0.35, 0.8, 0.65, 0.9, 0.4, 0.2]; pred = p2 > threshold
//   binary @0.5 {"accuracy": 0.625, "macro": [0.6333333333333333, 0.625, 0.6190476190476191], "perClass":
//     [[0.6, 0.6666666666666666], [0.75, 0.5], [0.6666666666666665, 0.5714285714285715], [4.0, 4.0]],
//     "auc": 0.78125, "logLoss": 0.5229710923226967}
//   binary @0.3 {"accuracy": 0.75, "macro": [0.8333333333333333, 0.75, 0.7333333333333334], "perClass":
//     [[1.0, 0.6666666666666666], [0.5, 1.0], [0.6666666666666666, 0.8], [4.0, 4.0]], "auc": 0.78125}
const y3 = [0, 0, 1, 1, 1, 2, 2, 0, 1, 2];
const p3 = [
  [0.7, 0.2, 0.1], [0.5, 0.3, 0.2], [0.2, 0.6, 0.2], [0.3, 0.4, 0.3], [0.1, 0.8, 0.1],
  [0.4, 0.35, 0.25], [0.3, 0.4, 0.3], [0.2, 0.5, 0.3], [0.45, 0.45, 0.1], [0.5, 0.2, 0.3],
];
const argmax = (row: number[]) => row.indexOf(Math.max(...row));
const y2 = [0, 0, 1, 1, 0, 1, 1, 0];
const p2 = [0.1, 0.4, 0.35, 0.8, 0.65, 0.9, 0.4, 0.2];

function confusionOf(y: number[], predicted: number[], classes: number): number[][] {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  y.forEach((t, i) => (matrix[t][predicted[i]] += 1));
  return matrix;
}
// scikit-learn's layout [metric][class] → ours [class][metric].
const byClass = (sklearn: number[][]): number[][] => sklearn[0].map((_, k) => sklearn.map((metric) => metric[k]));
const close = (actual: number | undefined, expected: number) => expect(actual).toBeCloseTo(expected, 12);

describe('classification metrics agree with scikit-learn', () => {
  it('three classes: accuracy, macro and weighted precision/recall/F1, per class (a class never predicted scores 0)', () => {
    const m = classificationReport(confusionOf(y3, p3.map(argmax), 3), ['a', 'b', 'c']);
    close(m.accuracy, 0.5);
    [m.precision, m.recall, m.f1].forEach((v, i) => close(v, [0.3333333333333333, 0.47222222222222215, 0.38888888888888884][i]));
    [m.precisionWeighted, m.recallWeighted, m.f1Weighted].forEach((v, i) => close(v, [0.36, 0.5, 0.41666666666666663][i]));
    const expected = byClass([[0.4, 0.6, 0.0], [0.6666666666666666, 0.75, 0.0], [0.5, 0.6666666666666665, 0.0], [3.0, 4.0, 3.0]]);
    m.perClass.forEach((c, k) => {
      expect(c.label).toBe(['a', 'b', 'c'][k]);
      [c.precision, c.recall, c.f1, c.support].forEach((v, i) => close(v, expected[k][i]));
    });
  });
  it('three classes: one-vs-rest ROC-AUC per class (with tied scores) and macro, log-loss', () => {
    const m = classificationMetrics({ confusion: confusionOf(y3, p3.map(argmax), 3), labels: ['a', 'b', 'c'], probabilities: p3.flat(), columns: 3, trueClass: y3 });
    [0.7142857142857142, 0.8958333333333334, 0.8095238095238095].forEach((auc, k) => close(m.perClass?.[k].auc, auc));
    close(m.auc, 0.806547619047619);
    close(m.logLoss, 0.8902267609876668);
  });
  it.each([
    [0.5, { accuracy: 0.625, macro: [0.6333333333333333, 0.625, 0.6190476190476191], perClass: byClass([[0.6, 0.6666666666666666], [0.75, 0.5], [0.6666666666666665, 0.5714285714285715], [4.0, 4.0]]) }],
    [0.3, { accuracy: 0.75, macro: [0.8333333333333333, 0.75, 0.7333333333333334], perClass: byClass([[1.0, 0.6666666666666666], [0.5, 1.0], [0.6666666666666666, 0.8], [4.0, 4.0]]) }],
  ])('binary, one probability column, threshold %s', (threshold, expected) => {
    const predicted = p2.map((p) => (p > threshold ? 1 : 0));
    const m = classificationMetrics({ confusion: confusionOf(y2, predicted, 2), labels: ['no', 'yes'], probabilities: p2, columns: 1, trueClass: y2 });
    close(m.accuracy, expected.accuracy);
    [m.precision, m.recall, m.f1].forEach((v, i) => close(v, expected.macro[i]));
    m.perClass?.forEach((c, k) => [c.precision, c.recall, c.f1, c.support].forEach((v, i) => close(v, expected.perClass[k][i])));
    close(m.auc, 0.78125);
    m.perClass?.forEach((c) => close(c.auc, 0.78125));
    close(m.logLoss, 0.5229710923226967);
  });
});

describe('edge cases', () => {
  it('AUC is undefined without positives or without negatives, and the macro skips such classes', () => {
    expect(rocAuc([0.2, 0.4], () => true, { rows: 2, stride: 1, offset: 0 })).toBeUndefined();
    const m = classificationMetrics({ confusion: [[1, 0, 0], [0, 1, 0], [0, 0, 0]], labels: ['a', 'b', 'c'], probabilities: [0.9, 0.1, 0, 0.2, 0.8, 0], columns: 3, trueClass: [0, 1] });
    expect(m.perClass?.[2].auc).toBeUndefined();
    expect(m.auc).toBe(1);
  });
  it('AUC of perfectly ranked, reversed and all-tied scores: 1, 0 and ½', () => {
    const positive = (r: number) => r >= 2;
    expect(rocAuc([0.1, 0.2, 0.3, 0.4], positive, { rows: 4, stride: 1, offset: 0 })).toBe(1);
    expect(rocAuc([0.4, 0.3, 0.2, 0.1], positive, { rows: 4, stride: 1, offset: 0 })).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], positive, { rows: 4, stride: 1, offset: 0 })).toBe(0.5);
  });
  it('AUC equals the share of (positive, negative) pairs ranked right, ties ½, counted pair by pair (any scores, strided)', () => {
    // The definition itself, O(P·N), as the oracle for the sort-and-search implementation.
    const pairwise = (scores: readonly number[], labels: readonly boolean[]): number | undefined => {
      let wins = 0;
      let pairs = 0;
      labels.forEach((p, i) => labels.forEach((q, j) => {
        if (!p || q) return;
        pairs++;
        wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      }));
      return pairs > 0 ? wins / pairs : undefined;
    };
    // Few distinct values, so ties are common; two columns, AUC read from the second (stride 2, offset 1).
    const rows = fc.array(fc.record({ score: fc.integer({ min: 0, max: 6 }).map((v) => v / 4), other: fc.double({ noNaN: true }), positive: fc.boolean() }), { maxLength: 40 });
    fc.assert(fc.property(rows, (data) => {
      const flat = data.flatMap((d) => [d.other, d.score]);
      const got = rocAuc(flat, (r) => data[r].positive, { rows: data.length, stride: 2, offset: 1 });
      const want = pairwise(data.map((d) => d.score), data.map((d) => d.positive));
      if (want === undefined) expect(got).toBeUndefined();
      else expect(got).toBeCloseTo(want, 12);
    }), { seed: 12, numRuns: 300 });
  });
  it('log-loss clips certainty at 1e-15, so a confident mistake stays finite', () => {
    expect(logLoss([0, 1], [1, 1], 1)).toBeCloseTo(-Math.log(1e-15) / 2, 9);
  });
  it('an empty confusion matrix gives zeros, not NaN', () => {
    const m = classificationReport([[0, 0], [0, 0]], ['a', 'b']);
    expect([m.accuracy, m.precision, m.f1Weighted]).toEqual([0, 0, 0]);
  });
});
