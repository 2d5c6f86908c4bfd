#!/usr/bin/python3
"""Reference classification metrics from scikit-learn, pasted into packages/training/src/metrics/classification.test.ts.

Usage: /usr/bin/python3 tools/sklearn/metrics_reference.py   (Debian's python3-sklearn)
"""
import json
import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, log_loss, precision_recall_fscore_support, roc_auc_score

# Three classes, 10 rows; class 2 is never predicted, and rows 3/6 tie on every score.
y3 = np.array([0, 0, 1, 1, 1, 2, 2, 0, 1, 2])
p3 = np.array([
    [0.7, 0.2, 0.1], [0.5, 0.3, 0.2], [0.2, 0.6, 0.2], [0.3, 0.4, 0.3], [0.1, 0.8, 0.1],
    [0.4, 0.35, 0.25], [0.3, 0.4, 0.3], [0.2, 0.5, 0.3], [0.45, 0.45, 0.1], [0.5, 0.2, 0.3],
])
pred3 = p3.argmax(axis=1)  # ties go to the first class, as clearprop's argmax

# Binary, one probability column (p of class 1), threshold 0.5 and 0.3.
y2 = np.array([0, 0, 1, 1, 0, 1, 1, 0])
p2 = np.array([0.1, 0.4, 0.35, 0.8, 0.65, 0.9, 0.4, 0.2])


def report(y, pred, proba, **auc):
    out = {'accuracy': accuracy_score(y, pred)}
    for avg in ['macro', 'weighted']:
        p, r, f, _ = precision_recall_fscore_support(y, pred, average=avg, zero_division=0)
        out[avg] = [p, r, f]
    p, r, f, s = precision_recall_fscore_support(y, pred, average=None, labels=sorted(set(y) | set(pred) | {0, 1}), zero_division=0)
    out['perClass'] = [list(map(float, v)) for v in (p, r, f, s)]
    out['auc'] = roc_auc_score(y, proba, **auc)
    out['logLoss'] = log_loss(y, proba)
    return out


print('sklearn', sklearn.__version__)
print('three classes', json.dumps(report(y3, pred3, p3, multi_class='ovr', average='macro')))
print('three classes, per-class AUC', json.dumps([roc_auc_score(y3 == k, p3[:, k]) for k in range(3)]))
print('binary @0.5', json.dumps(report(y2, (p2 > 0.5).astype(int), p2)))
print('binary @0.3', json.dumps(report(y2, (p2 > 0.3).astype(int), p2)))
