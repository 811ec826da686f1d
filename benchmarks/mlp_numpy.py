#!/usr/bin/env python3
"""The digits MLP of issue 20 in NumPy, by hand: 784-128-64-10, ReLU, softmax + categorical
cross-entropy, Adam (lr 1e-3, beta1 0.9, beta2 0.999, eps 1e-8), mini-batches of 64 reshuffled
each epoch, float64. Prints one line per epoch: "epoch E ms T cost C".

usage: mlp_numpy.py DIGITS_DIR EPOCHS [LAYERS [BATCH]]
"""
import gzip
import struct
import sys
import time

import numpy as np


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    folder, epochs = sys.argv[1], int(sys.argv[2])
    layers = [int(s) for s in (sys.argv[3] if len(sys.argv) > 3 else "784,128,64,10").split(",")]
    batch = int(sys.argv[4]) if len(sys.argv) > 4 else 64
    images = read_idx(folder + "/train-images-idx3-ubyte.gz")
    labels = read_idx(folder + "/train-labels-idx1-ubyte.gz")
    m = images.shape[0]
    # Examples as rows (m x 784): a shuffled batch is then whole rows, and the products take its
    # transpose without a copy (the faster of the two layouts for NumPy).
    x = images.reshape(m, -1).astype(np.float64) / 255.0
    y = np.zeros((m, layers[-1]))
    y[np.arange(m), labels] = 1.0
    rng = np.random.default_rng(1)
    params = []
    for n_in, n_out in zip(layers[:-1], layers[1:]):
        params.append(rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / n_in))
        params.append(np.zeros((n_out, 1)))
    ms = [np.zeros_like(p) for p in params]
    vs = [np.zeros_like(p) for p in params]
    lr, b1, b2, eps = 1e-3, 0.9, 0.999, 1e-8
    t = 0
    nl = len(layers) - 1
    for epoch in range(epochs):
        t0 = time.perf_counter()
        order = rng.permutation(m)
        total = 0.0
        for start in range(0, m, batch):
            idx = order[start:start + batch]
            xb = x[idx].T
            yb = y[idx].T
            mb = xb.shape[1]
            a = [xb]
            zs = []
            for l in range(nl):
                z = params[2 * l] @ a[-1] + params[2 * l + 1]
                zs.append(z)
                if l < nl - 1:
                    a.append(np.maximum(z, 0.0))
            z = zs[-1]
            z = z - z.max(axis=0, keepdims=True)
            e = np.exp(z)
            s = e.sum(axis=0, keepdims=True)
            p = e / s
            total += -np.sum(yb * (z - np.log(s))) / mb * mb
            dz = (p - yb) / mb
            grads = [None] * len(params)
            for l in range(nl - 1, -1, -1):
                grads[2 * l] = dz @ a[l].T
                grads[2 * l + 1] = dz.sum(axis=1, keepdims=True)
                if l > 0:
                    dz = (params[2 * l].T @ dz) * (zs[l - 1] > 0)
            t += 1
            c1 = 1 - b1 ** t
            c2 = 1 - b2 ** t
            for w, g, mm, vv in zip(params, grads, ms, vs):
                mm *= b1
                mm += (1 - b1) * g
                vv *= b2
                vv += (1 - b2) * (g * g)
                w -= lr * (mm / c1) / (np.sqrt(vv / c2) + eps)
        t1 = time.perf_counter()
        print("epoch %d ms %.3f cost %.6f" % (epoch, (t1 - t0) * 1000, total / m), flush=True)


if __name__ == "__main__":
    main()
