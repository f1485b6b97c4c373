#!/usr/bin/env bash
# Runs dev.credbroker.bench.CliBenchmark (broker test sources): 'credbroker phase open' and 'phase close' run as
# `java -jar broker/target/broker-*.jar …`, processes of their own, against a broker + vault-sim; prints each
# call's wall time, CPU time and peak RSS, and p50/max against the goal (1.5 s, 128 MiB).
#   bench/run-cli-benchmark.sh                          # 10 runs after one warm-up
#   bench/run-cli-benchmark.sh -Dbench.runs=20 "-Dbench.cli.jvm=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# Add -o to stay offline once the plugins are cached. -q keeps Maven's own log out.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl broker -am -DskipTests package "$@"
jar=$(ls "$PWD"/broker/target/broker-*.jar | grep -v '/original-' | head -1)
exec mvn -B -q -pl broker -am -Pbench-cli process-test-classes -Dbench.cli.jar="$jar" "$@"
