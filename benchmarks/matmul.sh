#!/usr/bin/env bash
# The kernel table: JMH's MatmulBenchmark (naive, ojalgo and the vector kernel on 1 and 2 threads)
# between two runs of NumPy's OpenBLAS on the same products (1 and 2 threads, OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE unset), so that all of them see the same machine load; prints GFLOP/s per shape
# and the ratios the targets are about. Extra arguments go to JMH (e.g. -p shape=W1.X).
#
# usage: benchmarks/matmul.sh [JMH options]      (build first: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
out=benchmarks/target/matmul # JMH's log and CSV and OpenBLAS's lines stay here for a look
rm -rf "$out"
mkdir -p "$out"

openblas() {
  for t in 1 2; do
    OPENBLAS_NUM_THREADS=$t env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/openblas_matmul.py 2 >>"$out/openblas.txt"
  done
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
openblas
java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar MatmulBenchmark \
  -rf csv -rff "$out/jmh.csv" "$@" >"$out/jmh.log" 2>&1 || { cat "$out/jmh.log"; exit 1; }
openblas
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$out/jmh.csv" "$out/openblas.txt" <<'PY'
import csv, statistics, sys
from collections import defaultdict
g = defaultdict(dict)
for row in csv.DictReader(open(sys.argv[1])):
    if row["Benchmark"].endswith(":gflops"):
        g[row["Param: shape"]][row["Param: kernel"]] = float(row["Score"])
runs = defaultdict(list)
for line in open(sys.argv[2]):
    kernel, shape, value = line.split()
    runs[(shape, kernel)].append(float(value))
for (shape, kernel), values in runs.items():
    g[shape][kernel] = statistics.mean(values)  # the run before and the run after JMH
cols = ["naive", "ojalgo-1", "ojalgo-2", "vector-1", "vector-2", "openblas-1", "openblas-2"]
print("GFLOP/s".ljust(10) + "".join(c.rjust(11) for c in cols) + "  vector-2/openblas-2  vector-2/ojalgo-2")
for shape in ["W1.X", "dZ1.XT", "W1.X8", "dZ1.XT8", "W1T.dZ1", "1024"]:
    if shape not in g:
        continue
    r = g[shape]
    if shape.endswith("8"):  # X as bytes: OpenBLAS has only the doubles, so its numbers are the plain shape's
        r.update({c: v for c, v in g.get(shape[:-1], {}).items() if c.startswith("openblas")})
    cells = "".join(("%.2f" % r[c]).rjust(11) if c in r else "-".rjust(11) for c in cols)
    ratio = lambda a, b: ("%.2f" % (r[a] / r[b])) if a in r and b in r else "-"
    print(shape.ljust(10) + cells + ratio("vector-2", "openblas-2").rjust(21) + ratio("vector-2", "ojalgo-2").rjust(19))
PY
