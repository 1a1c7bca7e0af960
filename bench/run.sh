#!/usr/bin/env bash
# Builds the project and runs the benchmarks; writes docs/BENCHMARKS.md (the generated section).
# Usage: bench/run.sh [--events N] [--runs R] [--parallelism P] [--subscribers S]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B install -DskipTests
CP_FILE="$PWD/bench/target/classpath.txt"
mvn -q -B -pl bench dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
OPENS=$(mvn -q -B help:evaluate -Dexpression=flink.jvm.opens -DforceStdout 2>/dev/null || true)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
mkdir -p bench/target/tmp
exec java $OPENS -Xmx4g -cp "bench/target/classes:$(cat "$CP_FILE")" dev.stockwatch.bench.Bench --commit "$COMMIT" "$@"
