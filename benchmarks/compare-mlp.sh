#!/usr/bin/env bash
# jdnn against NumPy (by hand) and PyTorch on the digits network of issue 20, in one invocation,
# alternating runs.
#
# usage: benchmarks/compare-mlp.sh [ROUNDS [EPOCHS]]   (defaults: 5, 8)
#
# The network: 784-128-64-10, ReLU, softmax + categorical cross-entropy, Adam at 1e-3, mini-batches
# of 64 reshuffled every epoch, on the 8,000 training digits of datasets/digits (IDX, gzip); one
# epoch is 125 steps. Each round runs, in an order that rotates from round to round so that a
# change in the machine's load falls on all of them:
#   jdnn-2   io.jdnn.benchmarks.DigitsTraining on the vector kernel with 2 threads (float64)
#   jdnn-1   the same with 1 thread
#   numpy    benchmarks/mlp_numpy.py: the same network written by hand in NumPy (float64), with
#            OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset as compare.sh does
#   torch32  benchmarks/mlp_torch.py: torch.nn + torch.optim.Adam, float32, 2 threads
#   torch64  the same in float64 (only with TORCH64=1)
# PyTorch runs where Debian's python3-torch is installed (/usr/bin/python3), else its columns say "-".
# Each run trains EPOCHS + 2 epochs and reports the median of its epochs after the first two
# (JIT/warm-up); the script prints those per round, their medians over the rounds and the ratios
# of the medians. Build the jar first: mvn -B -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-5}
EPOCHS=${2:-8}
WARM=2
DIGITS=${DIGITS:-datasets/digits}
JAR=benchmarks/target/benchmarks.jar
TORCH_PY=/usr/bin/python3

for f in "$JAR" "$DIGITS/train-images-idx3-ubyte.gz" benchmarks/mlp_numpy.py benchmarks/mlp_torch.py; do
  if [[ ! -e $f ]]; then
    echo "compare-mlp.sh: missing $f (build with: mvn -B -q package -DskipTests)" >&2
    exit 2
  fi
done

systems=(jdnn-2 jdnn-1 numpy)
if [[ -x $TORCH_PY ]] && $TORCH_PY -c 'import torch' 2>/dev/null; then
  systems+=(torch32)
  [[ ${TORCH64:-0} == 1 ]] && systems+=(torch64)
fi

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
total=$((EPOCHS + WARM))

# The median of the epochs after the warm-up ones, from lines "epoch E ms T ...".
epoch_median() {
  awk -v warm="$WARM" '$1 == "epoch" && $2 >= warm {print $4}' "$1" | sort -g | awk '{v[NR] = $1} END {
    if (NR == 0) exit 1; if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

run() {
  local out=$log/$1.out
  case $1 in
    jdnn-2|jdnn-1)
      java --add-modules jdk.incubator.vector -XX:+UseSerialGC -Djdnn.threads="${1#jdnn-}" \
        -cp "$JAR" io.jdnn.benchmarks.DigitsTraining "$DIGITS" "$total" >"$out" 2>"$log/$1.err" ;;
    numpy)
      env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/mlp_numpy.py "$DIGITS" "$total" >"$out" 2>&1 ;;
    torch32) $TORCH_PY benchmarks/mlp_torch.py "$DIGITS" "$total" float32 2 >"$out" 2>&1 ;;
    torch64) $TORCH_PY benchmarks/mlp_torch.py "$DIGITS" "$total" float64 2 >"$out" 2>&1 ;;
  esac || { echo "compare-mlp.sh: $1 failed:" >&2; cat "$out" "$log/$1.err" 2>/dev/null >&2; exit 1; }
  epoch_median "$out" || { echo "compare-mlp.sh: $1 printed no epoch times:" >&2; cat "$out" >&2; exit 1; }
}

echo "digits 784-128-64-10, Adam 1e-3, batch 64, $EPOCHS timed epochs (after $WARM) per run, $ROUNDS rounds;" \
  "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s' round
for s in "${systems[@]}"; do printf ' %10s' "$s"; done
printf '   %s\n' "order (ms per epoch, median of the run)"
results=$log/results
: >"$results"
n=${#systems[@]}
for ((r = 1; r <= ROUNDS; r++)); do
  order=()
  for ((i = 0; i < n; i++)); do order+=("${systems[(i + r - 1) % n]}"); done
  declare -A ms=()
  for s in "${order[@]}"; do ms[$s]=$(run "$s"); done
  printf '%-6s' "$r"
  line=""
  for s in "${systems[@]}"; do printf ' %10.1f' "${ms[$s]}"; line+="${ms[$s]} "; done
  printf '   %s\n' "${order[*]}"
  echo "$line" >>"$results"
  unset ms
done

python3 - "$results" "${systems[@]}" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
names = sys.argv[2:]
med = {n: statistics.median(c) for n, c in zip(names, zip(*rows))}
print("%-6s" % "median" + "".join(" %10.1f" % med[n] for n in names))
def ratio(a, b):
    if a in med and b in med:
        per = [r[names.index(a)] / r[names.index(b)] for r in rows]
        print("%-18s %5.2f   (rounds %s)" % (a + "/" + b, med[a] / med[b], " ".join("%.2f" % p for p in per)))
for b in ("numpy", "torch32", "torch64", "jdnn-1"):
    ratio("jdnn-2", b)
ratio("jdnn-1", "numpy")
PY
for s in "${systems[@]}"; do
  echo "$s final: $(grep '^epoch' "$log/$s.out" | tail -1)"
done
grep -h 'jdnn kernel' "$log/jdnn-2.err" | head -1 || true
