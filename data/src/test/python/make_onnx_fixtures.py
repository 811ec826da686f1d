#!/usr/bin/env python3
"""Makes the PyTorch ONNX fixtures that jdnn's ONNX import tests read.

Run once by hand, not part of the build (needs Debian's python3-torch and python3-onnx):

    python3 data/src/test/python/make_onnx_fixtures.py data/src/test/resources/io/jdnn/data/onnx/pytorch

It trains two tiny torch.nn.Sequential models on seeded, generated data and exports them with
torch.onnx.export, each beside a CSV of inputs (rows are examples, as ONNX feeds them) and a CSV
of the outputs PyTorch computed for those inputs:

- binary_gemm.onnx: Linear(4, 8) + ReLU + Linear(8, 1) + Sigmoid, float32, exported as Gemm nodes
  (torch's default form for a Linear on a 2-D input);
- softmax_gemm.onnx: Linear(4, 16) + Tanh + Linear(16, 3) + Softmax(dim=1), float32, Gemm;
- softmax_matmul.onnx: the same trained softmax model written as x @ W^T + b, which torch exports
  as MatMul + Add (the transpose of W is folded into the initializer);
- binary_float64.onnx: the binary model in float64 (model.double()), Gemm with double initializers.

Each model's expected output is <name>.expected.csv; inputs are <name>.inputs.csv (the binary
models share binary.inputs.csv, the softmax ones softmax.inputs.csv). Numbers are written with
repr(), which round-trips exactly.
"""

import os
import sys

import onnx
import torch
from torch import nn

OPSET = 13


def moons(n, generator):
    """Two interleaved half circles in 4-D (two informative dimensions, two noise), labels 0/1."""
    t = torch.rand(n, generator=generator) * 3.14159
    label = (torch.rand(n, generator=generator) < 0.5).long()
    x0 = torch.where(label == 0, torch.cos(t), 1 - torch.cos(t))
    x1 = torch.where(label == 0, torch.sin(t), 0.5 - torch.sin(t))
    noise = 0.1 * torch.randn(n, 4, generator=generator)
    x = torch.stack([x0, x1, torch.zeros(n), torch.zeros(n)], dim=1) + noise
    return x, label


def blobs(n, generator):
    """Three Gaussian blobs in 4-D, labels 0/1/2."""
    centres = torch.tensor([[1.0, 0.0, 0.0, 0.5], [-1.0, 1.0, 0.0, -0.5], [0.0, -1.0, 1.0, 0.0]])
    label = torch.randint(0, 3, (n,), generator=generator)
    x = centres[label] + 0.5 * torch.randn(n, 4, generator=generator)
    return x, label


def train(model, x, y, loss_fn, steps=300, lr=0.05):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
    return float(loss)


class MatMulAdd(nn.Module):
    """A Linear written as x @ W^T + b, so that torch exports MatMul + Add instead of Gemm."""

    def __init__(self, linear):
        super().__init__()
        self.weight_t = nn.Parameter(linear.weight.detach().t().contiguous())
        self.bias = nn.Parameter(linear.bias.detach().clone())

    def forward(self, x):
        return torch.matmul(x, self.weight_t) + self.bias


def write_csv(path, rows):
    with open(path, "w") as f:
        for row in rows:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def export(model, example, path):
    model.eval()
    torch.onnx.export(model, example, path, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=OPSET,
                      do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path))
    ops = [n.op_type for n in onnx.load(path).graph.node]
    print(os.path.basename(path), ops)


def main(out):
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(16)
    g = torch.Generator().manual_seed(16)

    # Binary: ReLU hidden layer, sigmoid output, trained with binary cross-entropy.
    x, y = moons(256, g)
    binary = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1), nn.Sigmoid())
    loss = train(binary, x, y.float().unsqueeze(1), nn.BCELoss())
    print("binary final loss", loss)
    test_x, _ = moons(20, g)
    write_csv(os.path.join(out, "binary.inputs.csv"), test_x.tolist())
    with torch.no_grad():
        export(binary, test_x, os.path.join(out, "binary_gemm.onnx"))
        write_csv(os.path.join(out, "binary_gemm.expected.csv"), binary(test_x).tolist())
        binary64 = binary.double()
        export(binary64, test_x.double(), os.path.join(out, "binary_float64.onnx"))
        write_csv(os.path.join(out, "binary_float64.expected.csv"), binary64(test_x.double()).tolist())

    # Softmax: tanh hidden layer, 3 classes, trained with cross-entropy on the logits.
    x, y = blobs(300, g)
    softmax = nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 3), nn.Softmax(dim=1))
    logits = nn.Sequential(*list(softmax.children())[:3])
    loss = train(logits, x, y, nn.CrossEntropyLoss())
    print("softmax final loss", loss)
    test_x, _ = blobs(20, g)
    write_csv(os.path.join(out, "softmax.inputs.csv"), test_x.tolist())
    with torch.no_grad():
        export(softmax, test_x, os.path.join(out, "softmax_gemm.onnx"))
        write_csv(os.path.join(out, "softmax_gemm.expected.csv"), softmax(test_x).tolist())
        matmul = nn.Sequential(MatMulAdd(softmax[0]), nn.Tanh(), MatMulAdd(softmax[2]), nn.Softmax(dim=1))
        export(matmul, test_x, os.path.join(out, "softmax_matmul.onnx"))
        write_csv(os.path.join(out, "softmax_matmul.expected.csv"), matmul(test_x).tolist())


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
