"""W4 peer: scikit-learn's MLPClassifier on the bench's own digits split (64-64-10 ReLU, Adam 1e-3, batch 32,
exactly 100 epochs, no L2). Usage: /usr/bin/python3 w4_sklearn.py DIR epochs runs warmups, where DIR holds the
standardized split as raw little-endian float32 (x_train, x_test) and int32 (y_train, y_test) files plus shape.json.
Prints one JSON line: {"seconds": median fit+score time, "cpuSeconds": its median CPU time, "samples": [...],
"accuracy": test accuracy, "version": ...}."""
import json
import os
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

folder, epochs, runs, warmups = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
shape = json.load(open(os.path.join(folder, "shape.json")))
features = shape["features"]
x_train = np.fromfile(os.path.join(folder, "x_train.f32"), dtype="<f4").reshape(-1, features)
x_test = np.fromfile(os.path.join(folder, "x_test.f32"), dtype="<f4").reshape(-1, features)
y_train = np.fromfile(os.path.join(folder, "y_train.i32"), dtype="<i4")
y_test = np.fromfile(os.path.join(folder, "y_test.i32"), dtype="<i4")
warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter is the epoch count here, not a convergence cap


def once():
    # tol=0 and n_iter_no_change=epochs: never stop early, so every run trains exactly `epochs` epochs.
    model = MLPClassifier(hidden_layer_sizes=(64,), activation="relu", solver="adam", learning_rate_init=1e-3,
                          batch_size=32, max_iter=epochs, alpha=0.0, tol=0.0, n_iter_no_change=epochs, shuffle=True,
                          random_state=1)
    t0, c0 = time.perf_counter(), time.process_time()
    model.fit(x_train, y_train)
    accuracy = model.score(x_test, y_test)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    assert model.n_iter_ == epochs, model.n_iter_
    return seconds, cpu, accuracy


for _ in range(warmups):
    once()
results = [once() for _ in range(runs)]
samples = [seconds for seconds, _, _ in results]
cpu = sorted(seconds for _, seconds, _ in results)
print(json.dumps({"seconds": sorted(samples)[len(samples) // 2], "cpuSeconds": cpu[len(cpu) // 2], "samples": samples, "accuracy": results[-1][2],
                  "version": sklearn.__version__}))
