#!/usr/bin/env bash
# The live job on the local Flink cluster (deploy/local/flink.sh), through the Flink CLI.
#   job.sh submit [--key value ...]        submit job/target/stockwatch-job.jar (detached)
#   job.sh savepoint                       stop the job with a savepoint (kept in run/flink/savepoints)
#   job.sh restore [PATH] [--key value ...] submit again from PATH (default: the last savepoint)
#   job.sh cancel                          cancel without a savepoint (the last checkpoint is kept)
#   job.sh status                          the job's state and the state of each of its tasks
# The configuration is deploy/local/stockwatch.yaml, or $STOCKWATCH_CONFIG; extra --key value pairs
# win over it. The job id of the last submission is kept in run/job.id. $STOCKWATCH_JAR and
# $STOCKWATCH_ENTRY choose another jar and entry class (a new version restoring a savepoint).
set -euo pipefail
. "$(dirname "$0")/common.sh"
need_lib flink

JAR=${STOCKWATCH_JAR:-$ROOT_DIR/job/target/stockwatch-job.jar}
CONFIG=${STOCKWATCH_CONFIG:-$LOCAL_DIR/stockwatch.yaml}
ENTRY=${STOCKWATCH_ENTRY:-dev.stockwatch.job.cli.LiveCommand}
JOB_ID_FILE=$RUN_DIR/job.id
SAVEPOINT_FILE=$RUN_DIR/last-savepoint

[ -f "$FLINK_CONF/config.yaml" ] || die "no Flink configuration: deploy/local/flink.sh start"
http_get /overview >/dev/null || die "the Flink cluster is not reachable at $FLINK_REST: deploy/local/flink.sh start"

job_id() {
  [ -f "$JOB_ID_FILE" ] || die "no job submitted yet (run/job.id is missing)"
  cat "$JOB_ID_FILE"
}

run_job() {
  [ -f "$JAR" ] || die "$JAR is missing: mvn -B install -DskipTests"
  local out
  out=$(flink_cli run -d "$@" -c "$ENTRY" "$JAR" --config "$CONFIG" "${EXTRA[@]}" 2>&1) || { echo "$out" >&2; die "submission failed"; }
  echo "$out" | grep -v "^\s*$" || true
  local id
  id=$(echo "$out" | grep -o 'JobID [0-9a-f]\{32\}' | tail -n1 | cut -d' ' -f2)
  [ -n "$id" ] || { echo "$out" >&2; die "no job id in the CLI output"; }
  echo "$id" > "$JOB_ID_FILE"
  echo "job: submitted $id; web UI $FLINK_REST/#/job/running/$id/overview"
}

status() {
  local id
  id=$(job_id)
  local json
  json=$(http_get "/jobs/$id") || die "job $id is unknown to the cluster"
  echo "job $id: $(echo "$json" | grep -o '"state":"[A-Z]*"' | head -n1 | cut -d'"' -f4)"
  echo "$json" | grep -o '"name":"[^"]*","maxParallelism":[0-9]*,"parallelism":[0-9]*,"status":"[A-Z]*"' \
    | sed 's/"name":"\([^"]*\)".*"parallelism":\([0-9]*\),"status":"\([A-Z]*\)"/  \3  x\2  \1/'
}

cmd=${1:-}
shift || true
case "$cmd" in
  submit)
    EXTRA=("$@")
    run_job
    ;;
  savepoint)
    id=$(job_id)
    out=$(flink_cli stop --savepointPath "file://$RUN_DIR/flink/savepoints" "$id" 2>&1) || { echo "$out" >&2; die "stop with savepoint failed"; }
    path=$(echo "$out" | grep -o 'Savepoint completed. Path: [^ ]*' | sed 's/Savepoint completed. Path: //')
    [ -n "$path" ] || { echo "$out" >&2; die "no savepoint path in the CLI output"; }
    echo "$path" > "$SAVEPOINT_FILE"
    echo "job: $id stopped with savepoint $path"
    ;;
  restore)
    path=""
    if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
      path=$1
      shift
    fi
    [ -n "$path" ] || path=$(cat "$SAVEPOINT_FILE" 2>/dev/null || true)
    [ -n "$path" ] || die "no savepoint given and none taken yet (job.sh savepoint)"
    EXTRA=("$@")
    echo "job: restoring from $path"
    # the cluster's claim mode (FLINK_STATE=low-latency: CLAIM, which the changelog needs); the
    # Flink CLI itself would restore in NO_CLAIM mode whatever the cluster's configuration says
    claim=$(sed -n 's/^execution.state-recovery.claim-mode: *//p' "$FLINK_CONF/config.yaml" | tr 'A-Z' 'a-z')
    # STOCKWATCH_ALLOW_NON_RESTORED=1: skip state of operators the new version no longer has (docs/STATE.md)
    run_job -s "$path" ${claim:+--claimMode "$claim"} ${STOCKWATCH_ALLOW_NON_RESTORED:+-n}
    ;;
  cancel)
    id=$(job_id)
    flink_cli cancel "$id" 2>&1 | grep -v '^\s*$' || true
    ;;
  status) status ;;
  *) echo "usage: $0 submit|savepoint|restore [PATH]|cancel|status [--key value ...]" >&2; exit 2 ;;
esac
