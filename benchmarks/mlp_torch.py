#!/usr/bin/env python3
"""The digits MLP of issue 20 in PyTorch: 784-128-64-10, ReLU, CrossEntropyLoss (softmax + categorical
cross-entropy), torch.optim.Adam (lr 1e-3), mini-batches of 64 reshuffled each epoch. Prints one
line per epoch: "epoch E ms T cost C".

usage: mlp_torch.py DIGITS_DIR EPOCHS DTYPE(float32|float64) THREADS [LAYERS [BATCH]]
"""
import gzip
import struct
import sys
import time

import numpy as np
import torch


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    folder, epochs, dtype, threads = sys.argv[1], int(sys.argv[2]), getattr(torch, sys.argv[3]), int(sys.argv[4])
    layers = [int(s) for s in (sys.argv[5] if len(sys.argv) > 5 else "784,128,64,10").split(",")]
    batch = int(sys.argv[6]) if len(sys.argv) > 6 else 64
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    images = read_idx(folder + "/train-images-idx3-ubyte.gz")
    labels = read_idx(folder + "/train-labels-idx1-ubyte.gz")
    m = images.shape[0]
    x = torch.tensor(images.reshape(m, -1).astype(np.float64) / 255.0, dtype=dtype)
    y = torch.tensor(labels.astype(np.int64))
    modules = []
    for i, (n_in, n_out) in enumerate(zip(layers[:-1], layers[1:])):
        modules.append(torch.nn.Linear(n_in, n_out))
        if i < len(layers) - 2:
            modules.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*modules).to(dtype)
    loss_fn = torch.nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        t0 = time.perf_counter()
        order = torch.randperm(m)
        total = 0.0
        for start in range(0, m, batch):
            idx = order[start:start + batch]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        t1 = time.perf_counter()
        print("epoch %d ms %.3f cost %.6f" % (epoch, (t1 - t0) * 1000, total / m), flush=True)


if __name__ == "__main__":
    main()
