#!/usr/bin/python3
"""Exports scikit-learn's bundled copies of two UCI data sets to packages/data/datasets as plain CSV.

Usage: /usr/bin/python3 tools/sklearn/export_datasets.py   (Debian's python3-sklearn; writes wine.csv, breast-cancer.csv)
Header row, numeric features (names from sklearn, spaces as underscores), integer class label in the last column.
"""
import os
import sklearn
from sklearn.datasets import load_breast_cancer, load_wine

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'packages', 'data', 'datasets')


def write(name, bunch):
    path = os.path.join(OUT, name)
    header = [f.replace(' ', '_') for f in bunch.feature_names] + ['label']
    with open(path, 'w') as out:
        out.write(','.join(header) + '\n')
        for row, label in zip(bunch.data, bunch.target):
            out.write(','.join('%.10g' % v for v in row) + ',%d\n' % label)
    print(f'{path}: {len(bunch.target)} rows, {bunch.data.shape[1]} features, classes {list(bunch.target_names)} (sklearn {sklearn.__version__})')


write('wine.csv', load_wine())
write('breast-cancer.csv', load_breast_cancer())
