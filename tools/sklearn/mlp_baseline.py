#!/usr/bin/python3
"""scikit-learn's MLPClassifier() on a train/test CSV pair, over several seeds: the reference of docs/sklearn.md.

Usage: /usr/bin/python3 tools/sklearn/mlp_baseline.py train.csv test.csv [seeds=5]   (Debian's python3-sklearn)
Features standardized with StandardScaler fitted on train; MLPClassifier with its defaults (hidden (100,), relu,
adam lr 1e-3, alpha 1e-4, batch min(200, n), max_iter 200, tol 1e-4, n_iter_no_change 10) and random_state = seed.
Prints one JSON object: the test accuracy and the epochs run (n_iter_) per seed.
"""
import json
import sys
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler


def read(path):
    table = np.loadtxt(path, delimiter=',', skiprows=1)
    return table[:, :-1], table[:, -1].astype(int)


x_train, y_train = read(sys.argv[1])
x_test, y_test = read(sys.argv[2])
seeds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
scaler = StandardScaler().fit(x_train)
accuracies, epochs = [], []
for seed in range(seeds):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', ConvergenceWarning)
        model = MLPClassifier(random_state=seed).fit(scaler.transform(x_train), y_train)
    accuracies.append(model.score(scaler.transform(x_test), y_test))
    epochs.append(model.n_iter_)
print(json.dumps({'sklearn': sklearn.__version__, 'accuracy': accuracies, 'epochs': epochs, 'mean': float(np.mean(accuracies))}))
