"""W2 peer: one epoch of 784-256-128-10 ReLU / softmax cross-entropy, batch 128, plain SGD lr 0.01, on `samples`
random float32 rows (uniform [0, 1) "pixels", random labels of 10 classes), written with NumPy (its BLAS does the
products; run with OPENBLAS_NUM_THREADS=1 for one thread). Each batch gathers its shuffled rows, as clearprop does.
Usage: /usr/bin/python3 w2_numpy.py samples runs warmups
Prints one JSON line: {"seconds": median epoch time, "cpuSeconds": median CPU time, "samples": [...], "version": numpy
version, "blas": which BLAS}."""
import json
import sys
import time

import numpy as np

samples, runs, warmups = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
widths = [784, 256, 128, 10]
batch, lr = 128, np.float32(0.01)
rng = np.random.default_rng(1)
x = rng.random((samples, 784), dtype=np.float32)
labels = rng.integers(0, 10, samples)
y = np.zeros((samples, 10), dtype=np.float32)
y[np.arange(samples), labels] = 1


def init():
    # Glorot uniform weights stored [out, in] (as clearprop and torch), zero biases.
    params = []
    for fan_in, fan_out in zip(widths, widths[1:]):
        limit = np.sqrt(6 / (fan_in + fan_out))
        params.append([rng.uniform(-limit, limit, (fan_out, fan_in)).astype(np.float32), np.zeros(fan_out, np.float32)])
    return params


def epoch(params):
    order = rng.permutation(samples)
    for start in range(0, samples, batch):
        rows = order[start:start + batch]
        xb, yb = x[rows], y[rows]
        activations = [xb]
        for layer, (w, b) in enumerate(params):
            z = activations[-1] @ w.T + b
            activations.append(np.maximum(z, 0) if layer < len(params) - 1 else z)
        logits = activations[-1]
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
        delta = (e / e.sum(axis=1, keepdims=True) - yb) / np.float32(len(rows))  # softmax-CE: (ŷ − y)/B
        for layer in range(len(params) - 1, -1, -1):
            w, b = params[layer]
            below = activations[layer]
            grad_w, grad_b = delta.T @ below, delta.sum(axis=0)
            if layer > 0:
                delta = (delta @ w) * (below > 0)
            w -= lr * grad_w
            b -= lr * grad_b


def once():
    params = init()
    t0, c0 = time.perf_counter(), time.process_time()
    epoch(params)
    return time.perf_counter() - t0, time.process_time() - c0


for _ in range(warmups):
    once()
timings = [once() for _ in range(runs)]
times = [wall for wall, _ in timings]
cpu = sorted(seconds for _, seconds in timings)


def blas():
    """Names the BLAS NumPy calls (e.g. "OpenBLAS 0.3.21 Haswell") when threadpoolctl (python3-threadpoolctl) is there."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "its BLAS"
    for pool in threadpool_info():
        if pool.get("user_api") == "blas":
            name = {"openblas": "OpenBLAS", "mkl": "MKL", "blis": "BLIS"}.get(pool.get("internal_api"), pool.get("internal_api"))
            return " ".join(str(part) for part in (name, pool.get("version"), pool.get("architecture")) if part)
    return "its BLAS"


print(json.dumps({"seconds": sorted(times)[len(times) // 2], "cpuSeconds": cpu[len(cpu) // 2], "samples": times, "version": np.__version__, "blas": blas()}))
