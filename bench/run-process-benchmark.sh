#!/usr/bin/env bash
# Runs dev.credbroker.bench.ProcessBenchmark: vault-sim, the broker (its shaded jar) and the load driver as three
# separate JVMs; broker vs direct Vault use, SQL transactions per phase (PostgreSQL), RSS, kill -9 recovery.
#   bench/run-process-benchmark.sh            # H2 file database (the broker's default)
#   bench/run-process-benchmark.sh pg         # embedded PostgreSQL (zonky), started by the driver
#   bench/run-process-benchmark.sh h2 --iterations 100 --concurrency 1,4,8 --rss-phases 0 --crash 50
# Driver options (after the db): --iterations 200 --concurrency 1,8 --warmup 100 --crash 100 --rss-phases 2000
#   --heartbeat-timeout 2s --reaper-initial-delay 10s --idle-seconds 16 --sim-jvm '...'
# The broker's JVM flags: BENCH_BROKER_JVM='-Xmx... ...' ('none' for the JVM's defaults). The default is the set
# bench/RESULTS.md recommends for a broker under 256 MiB RSS.
# Maven flags: BENCH_MVN_FLAGS=-o to stay offline once plugins are cached; BENCH_SKIP_BUILD=1 to reuse the jar.
# vault-sim runs with -Dsun.net.httpserver.nodelay=true (the driver's default --sim-jvm): without it the JDK
# HttpServer's Nagle + the client's delayed ACK stall responses on reused connections by ~40 ms.
# Logs, the H2 file, issuer keys: broker/target/process-bench/<db>-<time>/. `mvn verify` never runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-h2}"
shift || true
broker_jvm="${BENCH_BROKER_JVM:--Xmx96m -Xss512k -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -XX:MaxDirectMemorySize=32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
mvn_flags="${BENCH_MVN_FLAGS:-}"
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  mkdir -p broker/target
  log=broker/target/process-bench-build.log
  echo "building: mvn -B $mvn_flags -DskipTests package (log: $log)"
  # shellcheck disable=SC2086
  if ! mvn -B $mvn_flags -DskipTests package >"$log" 2>&1; then
    tail -40 "$log"
    echo "build failed, see $log" >&2
    exit 1
  fi
fi
# exec-maven-plugin splits commandlineArgs on spaces outside quotes: quote each argument that has a space
args="--db $db"
for a in "$@"; do
  if [[ "$a" == *" "* ]]; then args+=" \"$a\""; else args+=" $a"; fi
done
# -q keeps Maven's own log out of the figures; the build above is not quiet (its log is a file).
# shellcheck disable=SC2086
exec mvn -B -q $mvn_flags -pl broker -am -Pbench process-test-classes \
  -Dbench.phase.skip=true -Dbench.process.skip=false \
  -Dbench.process.args="$args" -Dbench.process.broker-jvm="$broker_jvm"
