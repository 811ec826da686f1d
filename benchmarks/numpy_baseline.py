# Copied from the project brief's shared/reference/numpy_baseline.py (the course's algorithm in NumPy),
# unchanged but for this note, so that benchmarks/compare.sh needs nothing beside the clone.
"""The course's L-layer network written plainly in NumPy: a baseline for numbers and for speed.

usage: python3 numpy_baseline.py catvnoncat.npz (benchmarks/h5_to_npz.py makes it) LAYERS ITERATIONS INIT [SEED [LR]]
  LAYERS like 12288,20,7,5,1 ; INIT is 'scaled' (randn/sqrt(n_prev), the course's app utils)
  or 'small' (randn*0.01, as the seed's text shows). SEED defaults to 1 and LR to 0.0075, as in the seed.
"""
import os, sys, time
import numpy as np

def load(path):
    d = np.load(path)
    tx = d["train_x"].reshape(d["train_x"].shape[0], -1).T / 255.0
    vx = d["test_x"].reshape(d["test_x"].shape[0], -1).T / 255.0
    return tx, d["train_y"].reshape(1, -1), vx, d["test_y"].reshape(1, -1)

def init(dims, how, seed):
    np.random.seed(seed)
    p = {}
    for l in range(1, len(dims)):
        w = np.random.randn(dims[l], dims[l - 1])
        p["W%d" % l] = w / np.sqrt(dims[l - 1]) if how == "scaled" else w * 0.01
        p["b%d" % l] = np.zeros((dims[l], 1))
    return p

def forward(X, p):
    L = len(p) // 2
    caches, A = [], X
    for l in range(1, L + 1):
        Z = p["W%d" % l] @ A + p["b%d" % l]
        caches.append((A, Z))
        A = 1 / (1 + np.exp(-Z)) if l == L else np.maximum(0, Z)
    return A, caches

def backward(AL, Y, caches, p, skip_dA0):
    L = len(caches); m = Y.shape[1]; g = {}
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    for l in reversed(range(1, L + 1)):
        A_prev, Z = caches[l - 1]
        if l == L:
            s = 1 / (1 + np.exp(-Z)); dZ = dA * s * (1 - s)
        else:
            dZ = dA * (Z > 0)
        g["dW%d" % l] = dZ @ A_prev.T / m
        g["db%d" % l] = dZ.sum(axis=1, keepdims=True) / m
        if l > 1 or not skip_dA0:
            dA = p["W%d" % l].T @ dZ
    return g

def main():
    path, dims, iters, how = sys.argv[1], [int(x) for x in sys.argv[2].split(",")], int(sys.argv[3]), sys.argv[4]
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    lr = float(sys.argv[6]) if len(sys.argv) > 6 else 0.0075
    skip = "SEED_DA0" not in os.environ  # set SEED_DA0=1 to also compute dA0 as the seed does
    tx, ty, vx, vy = load(path)
    p = init(dims, how, seed)
    t0 = time.perf_counter()
    for i in range(iters):
        AL, caches = forward(tx, p)
        cost = float(np.squeeze(-np.sum(ty * np.log(AL) + (1 - ty) * np.log(1 - AL)) / ty.shape[1]))
        g = backward(AL, ty, caches, p, skip)
        for l in range(1, len(dims)):
            p["W%d" % l] -= lr * g["dW%d" % l]
            p["b%d" % l] -= lr * g["db%d" % l]
        if i % 100 == 0 or i == iters - 1:
            print("Cost after iteration %d: %.16g" % (i, cost))
    secs = time.perf_counter() - t0
    acc = lambda X, Y: float(np.mean((forward(X, p)[0] > 0.5) == Y))
    print("train_accuracy %.6f test_accuracy %.6f" % (acc(tx, ty), acc(vx, vy)))
    print("train_seconds %.3f ms_per_iteration %.3f" % (secs, 1000 * secs / iters))

main()
