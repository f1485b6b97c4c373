#!/usr/bin/env bash
# Runs dev.credbroker.bench.PhaseBenchmark (broker test sources) against vault-sim, in a forked JVM.
#   bench/run-phase-benchmark.sh                 # H2, 300 phases at 1, 4 and 8 runners, crash of 200
#   bench/run-phase-benchmark.sh pg              # the same on embedded PostgreSQL
#   bench/run-phase-benchmark.sh h2 -Dbench.iterations=150 -Dbench.concurrency=1,4 -Dbench.reap=100
# Other knobs: -Dbench.warmup=100 -Dbench.heap=2g, -Dbench.extra=--no-gcp (AWS + Azure only). Add -o to stay offline once the plugins are cached.
# -q keeps Maven's own log out: what is printed is the benchmark's figures.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-h2}"
shift || true
exec mvn -B -q -pl broker -am -Pbench process-test-classes -Dbench.db="$db" "$@"
