#!/usr/bin/env bash
# Is a training iteration linear in m? JMH's TrainingStepBenchmark at m = 209 (the course's
# training set) and m = 2,090 (the same images tiled ten times), in alternating invocations.
#
# usage: benchmarks/scaling.sh [ROUNDS [KERNELS]]    (defaults: 5, vector-2,vector-1)
#
# One JMH invocation at a time, m = 209 first in odd rounds and m = 2,090 first in even ones, each
# with the JMH settings of the benchmark (1 fork, 3 warm-up and 5 measured iterations of 1 s), X as
# the loader gives it (bytes), in JMH's sample mode, which times every iteration of the model. This
# machine's speed moves by up to 1.5x from one minute to the next, and a single JMH run measures
# m = 209 and m = 2,090 minutes apart; alternating short runs puts both under the same conditions
# in each round. The machine also stalls in bursts (time stolen by its host), which move a mean by
# more than its error says, so beside JMH's mean (with its 99.9% error) the script prints the
# median iteration, and the ratios of both. At the end: each kernel's median ratio over the rounds.
# Linear means 10.
# Build first: mvn -B -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
KERNELS=${2:-vector-2,vector-1}
JAR=benchmarks/target/benchmarks.jar
[[ -f $JAR ]] || { echo "scaling.sh: missing $JAR (build with: mvn -B -q package -DskipTests)" >&2; exit 2; }
out=benchmarks/target/scaling # JMH's logs and CSVs stay here for a look
rm -rf "$out"
mkdir -p "$out"

run() { # ROUND M
  java --add-modules jdk.incubator.vector -jar "$JAR" TrainingStepBenchmark -p m="$2" \
    -p kernel="$KERNELS" -p input=bytes -bm sample -tu ms -rf csv -rff "$out/round$1-m$2.csv" \
    >"$out/round$1-m$2.log" 2>&1 || { cat "$out/round$1-m$2.log"; exit 1; }
}

echo "TrainingStepBenchmark, m = 209 and 2,090 alternating, $ROUNDS rounds; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  if ((r % 2)); then run "$r" 209; run "$r" 2090; else run "$r" 2090; run "$r" 209; fi
done

python3 - "$out" "$ROUNDS" <<'PY'
import csv, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
ratios = {}
print("round  first  kernel          mean ms m=209    mean ms m=2090  ratio   median m=209  median m=2090  ratio")
for r in range(1, rounds + 1):
    mean, median = {}, {}
    for m in (209, 2090):
        for row in csv.DictReader(open("%s/round%d-m%d.csv" % (out, r, m))):
            key = (row["Param: kernel"], m)
            if row["Benchmark"].endswith("iteration"):
                mean[key] = (float(row["Score"]), float(row["Score Error (99.9%)"]))
            elif row["Benchmark"].endswith("p0.50"):
                median[key] = float(row["Score"])
    for kernel in sorted({k for k, _ in mean}, reverse=True):
        (s1, e1), (s2, e2) = mean[(kernel, 209)], mean[(kernel, 2090)]
        q1, q2 = median[(kernel, 209)], median[(kernel, 2090)]
        ratios.setdefault(kernel, []).append((s2 / s1, q2 / q1))
        print("%-6d %-6s %-9s %9.3f ± %-6.3f %9.3f ± %-6.3f %6.2f %13.3f %14.3f %6.2f"
              % (r, "209" if r % 2 else "2090", kernel, s1, e1, s2, e2, s2 / s1, q1, q2, q2 / q1))
for kernel, values in sorted(ratios.items(), reverse=True):
    for name, i in (("means", 0), ("medians", 1)):
        v = [x[i] for x in values]
        inside = sum(1 for x in v if 8.5 <= x <= 11.5)
        print("%s, ratio of %s: median %.2f (rounds from %.2f to %.2f; %d of %d within 10 ± 15%%)"
              % (kernel, name, statistics.median(v), min(v), max(v), inside, len(v)))
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
