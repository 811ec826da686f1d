#!/usr/bin/env bash
# jdnn against the course's algorithm in NumPy + OpenBLAS, in one invocation, alternating runs.
#
# usage: benchmarks/compare.sh [ROUNDS [ITERATIONS [LAYERS]]]   (defaults: 3, 2500, 12288,20,7,5,1)
#
# Each round runs benchmarks/numpy_baseline.py (the brief's reference script) (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
# unset, as its notes ask: the machine's settings make OpenBLAS 1.5-2x slower) and
#   java --add-modules jdk.incubator.vector -XX:+UseSerialGC -jar examples/target/jdnn-cat.jar train
# (the README's command)
# on the same configuration (layers, iterations, randn/sqrt(n_prev) initialisation, seed 1,
# learning rate 0.0075), NumPy first in odd rounds and jdnn first in even ones, so that a change in
# the machine's load falls on both. Per run it prints the training milliseconds per iteration (as
# each program reports it) and the whole run's wall time (JVM or interpreter start and data loading
# included); at the end the medians and their ratios. Both must print the same final cost; the
# script checks they agree to a relative 1e-9. Each round also times OpenBLAS alone on the
# iteration's two big products, W1.X and dZ1.X^T (benchmarks/openblas_matmul.py, 2 threads), for
# the issue's second yardstick: jdnn's iteration against those two products ("jdnn/pair").
# Build the jar first: mvn -B -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-3}
ITERATIONS=${2:-2500}
LAYERS=${3:-12288,20,7,5,1}
JAR=examples/target/jdnn-cat.jar
NUMPY_SCRIPT=benchmarks/numpy_baseline.py

for f in "$JAR" "$NUMPY_SCRIPT"; do
  if [[ ! -f $f ]]; then
    echo "compare.sh: missing $f (build with: mvn -B -q package -DskipTests)" >&2
    exit 2
  fi
done

now() { date +%s.%N; }
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
# NumPy reads the images from an .npz made once from the project's HDF5 files (datasets/), by
# Debian's python3 with python3-h5py, so that no HDF5 library is timed.
NPZ="$log/catvnoncat.npz"
if ! /usr/bin/python3 benchmarks/h5_to_npz.py datasets/catvnoncat "$NPZ"; then
  echo "compare.sh: could not convert datasets/catvnoncat to .npz (needs Debian's python3-h5py)" >&2
  exit 2
fi

run_numpy() {
  local t0 t1
  t0=$(now)
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$NUMPY_SCRIPT" "$NPZ" "$LAYERS" "$ITERATIONS" scaled >"$log/numpy.out" 2>&1
  t1=$(now)
  numpy_ms=$(sed -n 's/.*ms_per_iteration \([0-9.]*\).*/\1/p' "$log/numpy.out")
  numpy_wall=$(echo "$t1 - $t0" | bc -l)
  numpy_cost=$(grep 'Cost after iteration' "$log/numpy.out" | tail -1 | awk '{print $NF}')
}

run_pair() {
  pair_ms=$(OPENBLAS_NUM_THREADS=2 env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/openblas_matmul.py 2 pair \
    | sed -n 's/^pair_ms \([0-9.]*\)$/\1/p')
}

run_jdnn() {
  local t0 t1
  t0=$(now)
  java --add-modules jdk.incubator.vector -XX:+UseSerialGC -jar "$JAR" train --layers "$LAYERS" --iterations "$ITERATIONS" \
    --init lecun >"$log/jdnn.out" 2>&1
  t1=$(now)
  jdnn_ms=$(sed -n 's/.*(\([0-9.]*\) ms per iteration).*/\1/p' "$log/jdnn.out")
  jdnn_wall=$(echo "$t1 - $t0" | bc -l)
  jdnn_cost=$(grep 'Cost after iteration' "$log/jdnn.out" | tail -1 | awk '{print $NF}')
  jdnn_kernel=$(sed -n 's/.*jdnn kernel: \(.*\)$/\1/p' "$log/jdnn.out" | head -1)
}

echo "layers $LAYERS, $ITERATIONS iterations, $ROUNDS rounds; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-6s %14s %14s %8s %12s %12s %8s %10s %10s\n' round first "numpy ms/it" "jdnn ms/it" "jdnn/np" "numpy wall s" "jdnn wall s" "jdnn/np" "pair ms" "jdnn/pair"
all=()
for ((r = 1; r <= ROUNDS; r++)); do
  if ((r % 2 == 1)); then first=numpy; run_numpy; run_jdnn; else first=jdnn; run_jdnn; run_numpy; fi
  run_pair
  if [[ -z $numpy_ms || -z $jdnn_ms || -z $pair_ms ]]; then
    echo "compare.sh: a run failed; its output:" >&2
    cat "$log/numpy.out" "$log/jdnn.out" >&2
    exit 1
  fi
  if ! python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); sys.exit(abs(a - b) > 1e-9 * abs(a))" \
      "$numpy_cost" "$jdnn_cost"; then
    echo "compare.sh: final costs differ: numpy $numpy_cost, jdnn $jdnn_cost" >&2
    exit 1
  fi
  printf '%-6s %-6s %14.3f %14.3f %8.2f %12.2f %12.2f %8.2f %10.3f %10.2f\n' "$r" "$first" "$numpy_ms" "$jdnn_ms" \
    "$(echo "$jdnn_ms / $numpy_ms" | bc -l)" "$numpy_wall" "$jdnn_wall" "$(echo "$jdnn_wall / $numpy_wall" | bc -l)" \
    "$pair_ms" "$(echo "$jdnn_ms / $pair_ms" | bc -l)"
  all+=("$numpy_ms $jdnn_ms $numpy_wall $jdnn_wall $pair_ms")
done

printf '%s\n' "${all[@]}" | python3 -c '
import statistics, sys
rows = [list(map(float, line.split())) for line in sys.stdin if line.strip()]
med = [statistics.median(col) for col in zip(*rows)]
print("%-13s %14.3f %14.3f %8.2f %12.2f %12.2f %8.2f %10.3f %10.2f" % ("median", med[0], med[1], med[1] / med[0], med[2], med[3], med[3] / med[2], med[4], med[1] / med[4]))
'
echo "final cost: numpy $numpy_cost, jdnn $jdnn_cost; jdnn kernel: $jdnn_kernel"
