#!/usr/bin/env bash
# Builds the project (reactor build, nothing installed) and runs the benchmarks; writes the
# generated section of docs/BENCHMARKS.md.
# Usage: bench/run.sh [options], each option a --name value pair:
#   --figures 1,2,3,4,5,6 which figures (default all)     --runs 3          runs per figure
#   --parallelism 2      MiniCluster parallelism          --backends hashmap,rocksdb  (figure 1)
#   --events 300000 --rocksdb-events (= --events) --customers 100000 (figure 1)   --subscribers 100000 (figure 2)
#   --rate 5000 --latency-seconds 40 --latency-warm-up 15 --checkpoint-ms 1000
#   --buffer-timeout-ms 5 --watermark-interval-ms 10 --max-delay-ms 0 --idle-timeout-ms 1000 --latency-backend hashmap --latency-changelog true (figure 3)
#   --scale-max 1000000 --carts 200000 --mix-events 10000                             (figure 4)
#   --soak-days 60 --soak-step 5 --soak-events-per-day 5000 --soak-customers 2000 --soak-skus 500 (figure 5)
#   --stores 50 (figure 6: the nearest-store join, with --events)
#   --flink-conf "key: value; key: value"  extra Flink settings of every bench job (RocksDB tuning, say)
#   --out docs/BENCHMARKS.md   --no-report 1 (print only)   --warm-up 0 (no untimed heap runs first)
# Extra JVM flags (a JFR recording, say) go in BENCH_JAVA_OPTS.
# Maven runs offline when the local repository already has everything, online otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=(-q -B package -DskipTests -pl bench -am)
mvn -o "${BUILD[@]}" 2>/dev/null || mvn "${BUILD[@]}"
CP_FILE="$PWD/bench/target/classpath.txt"
# the Java 17 --add-opens/--add-exports list Flink needs: the flink.jvm.opens property of the root pom
OPENS=$(sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' pom.xml)
[ -n "$OPENS" ] || { echo "flink.jvm.opens not found in pom.xml" >&2; exit 1; }
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then COMMIT="$COMMIT (with uncommitted changes)"; fi
mkdir -p bench/target/tmp
exec java $OPENS ${BENCH_JAVA_OPTS:-} -Xmx6g -XX:+UseParallelGC -Djava.io.tmpdir="$PWD/bench/target/tmp" \
    -Dlog4j2.level=WARN -cp "bench/target/classes:$(cat "$CP_FILE")" dev.stockwatch.bench.Bench --commit "$COMMIT" "$@"
