#!/usr/bin/env bash
# The kernel table: JMH's MatmulBenchmark (naive, ojalgo and the vector kernel on 1 and 2 threads)
# between two runs of NumPy's OpenBLAS on the same products (1 and 2 threads, OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE unset), so that all of them see the same machine load; prints GFLOP/s per shape
# and the ratios the targets are about. Extra arguments go to JMH (e.g. -p shape=W1.X).
#
# ROUNDS=N repeats the whole (OpenBLAS, JMH, OpenBLAS) N times and ends with a table of medians,
# where each ratio is the median of the rounds' ratios: one JMH run measures one kernel minutes
# after another, and this machine's speed moves by up to 1.5x in that time.
#
# usage: [ROUNDS=N] benchmarks/matmul.sh [JMH options]      (build first: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-1}
out=benchmarks/target/matmul # JMH's logs and CSVs and OpenBLAS's lines stay here for a look
rm -rf "$out"
mkdir -p "$out"

openblas() { # ROUND
  for t in 1 2; do
    OPENBLAS_NUM_THREADS=$t env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/openblas_matmul.py 2 >>"$out/openblas$1.txt"
  done
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  openblas "$r"
  java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar MatmulBenchmark \
    -rf csv -rff "$out/jmh$r.csv" "$@" >"$out/jmh$r.log" 2>&1 || { cat "$out/jmh$r.log"; exit 1; }
  openblas "$r"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$out" "$ROUNDS" <<'PY'
import csv, statistics, sys
from collections import defaultdict
out, rounds = sys.argv[1], int(sys.argv[2])
cols = ["naive", "ojalgo-1", "ojalgo-2", "vector-1", "vector-2", "openblas-1", "openblas-2"]
shapes = ["W1.X", "dZ1.XT", "W1.X8", "dZ1.XT8", "W1T.dZ1", "1024"]
ratios = [("vector-2", "openblas-2"), ("vector-2", "ojalgo-2")]

def table(r):
    g = defaultdict(dict)
    for row in csv.DictReader(open("%s/jmh%d.csv" % (out, r))):
        if row["Benchmark"].endswith(":gflops"):
            g[row["Param: shape"]][row["Param: kernel"]] = float(row["Score"])
    runs = defaultdict(list)
    for line in open("%s/openblas%d.txt" % (out, r)):
        kernel, shape, value = line.split()
        runs[(shape, kernel)].append(float(value))
    for (shape, kernel), values in runs.items():
        g[shape][kernel] = statistics.mean(values)  # the run before and the run after JMH
    for shape in list(g):
        if shape.endswith("8"):  # X as bytes: OpenBLAS has only the doubles, so its numbers are the plain shape's
            g[shape].update({c: v for c, v in g.get(shape[:-1], {}).items() if c.startswith("openblas")})
    return g

def show(title, g, ratio):
    print(title.ljust(10) + "".join(c.rjust(11) for c in cols) + "".join(("%s/%s" % q).rjust(21) for q in ratios))
    for shape in shapes:
        if shape in g and any(c.startswith(("naive", "ojalgo", "vector")) for c in g[shape]):
            cells = "".join(("%.2f" % g[shape][c]).rjust(11) if c in g[shape] else "-".rjust(11) for c in cols)
            print(shape.ljust(10) + cells + "".join(ratio(shape, a, b).rjust(21) for a, b in ratios))

def single(g):
    return lambda shape, a, b: ("%.2f" % (g[shape][a] / g[shape][b])) if a in g[shape] and b in g[shape] else "-"

tables = [table(r) for r in range(1, rounds + 1)]
for r, g in enumerate(tables, 1):
    show("GFLOP/s" if rounds == 1 else "round %d" % r, g, single(g))
if rounds > 1:
    med = defaultdict(dict)
    for shape in shapes:
        for c in cols:
            values = [g[shape][c] for g in tables if c in g.get(shape, {})]
            if values:
                med[shape][c] = statistics.median(values)
    def ratio(shape, a, b):
        values = [g[shape][a] / g[shape][b] for g in tables if a in g.get(shape, {}) and b in g.get(shape, {})]
        return ("%.2f (%.2f-%.2f)" % (statistics.median(values), min(values), max(values))) if values else "-"
    show("median", med, ratio)
PY
