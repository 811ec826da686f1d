"""GFLOP/s of NumPy's OpenBLAS dgemm on the products MatmulBenchmark measures, for comparison.

usage: OPENBLAS_NUM_THREADS=N python3 benchmarks/openblas_matmul.py [SECONDS_PER_SHAPE [pair]]
Prints one line per shape: "openblas-N SHAPE GFLOPS": all the floating-point operations of the calls
made in SECONDS (after a warm-up) divided by their total time, the way JMH's throughput mode counts.
With "pair" it times only the two big products of a course iteration, W1.X and dZ1.X^T, and prints
"pair_ms MS": the sum of their mean times per call in milliseconds (compare.sh's yardstick).
Run it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (see examples/src/test/resources/course-numbers.md).
"""
import os, sys, time
import numpy as np

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
rng = np.random.default_rng(1)
w1 = rng.uniform(-1, 1, (20, 12288)); x = rng.uniform(-1, 1, (12288, 209))
dz1 = rng.uniform(-1, 1, (20, 209)); sq = rng.uniform(-1, 1, (1024, 1024))
shapes = {
    "W1.X": (lambda: w1 @ x, 2 * 20 * 12288 * 209),
    "dZ1.XT": (lambda: dz1 @ x.T, 2 * 20 * 209 * 12288),
    "W1T.dZ1": (lambda: w1.T @ dz1, 2 * 12288 * 20 * 209),
    "1024": (lambda: sq @ sq, 2 * 1024 ** 3),
}
pair = len(sys.argv) > 2 and sys.argv[2] == "pair"
pair_ms = 0.0
for name, (f, flops) in shapes.items():
    if pair and name not in ("W1.X", "dZ1.XT"):
        continue
    for _ in range(3):
        f()
    times, end = [], time.perf_counter() + seconds
    while time.perf_counter() < end or len(times) < 5:
        t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
    pair_ms += 1e3 * sum(times) / len(times)
    if not pair:
        print("openblas-%s %s %.2f" % (threads, name, flops * len(times) / sum(times) / 1e9))
if pair:
    print("pair_ms %.3f" % pair_ms)
