#!/usr/bin/env bash
# Publishes a replay directory (DIR/<topic>.jsonl, the sample-data format) to the input topics of
# the local broker, in event-time order.
#   publish.sh DIR [--speedup N|max] [--max-pause DURATION] [--key value ...]
# --speedup max (default) publishes as fast as the broker takes it; N divides the event-time gaps
# (each pause at most --max-pause, default 5 s). Topics and broker come from
# deploy/local/stockwatch.yaml (or $STOCKWATCH_CONFIG).
set -euo pipefail
. "$(dirname "$0")/common.sh"

[ $# -ge 1 ] || { echo "usage: $0 DIR [--speedup N|max] [--max-pause DURATION] [--key value ...]" >&2; exit 2; }
DIR=$1
shift
JAR=$ROOT_DIR/job/target/stockwatch.jar
[ -f "$JAR" ] || die "$JAR is missing: mvn -B install -DskipTests"
exec "$JAVA" -cp "$JAR" dev.stockwatch.job.cli.PublishCommand \
  --input "$DIR" --config "${STOCKWATCH_CONFIG:-$LOCAL_DIR/stockwatch.yaml}" "$@"
