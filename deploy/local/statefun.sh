#!/usr/bin/env bash
# The engagement function (SPEC §14) on a real Stateful Functions 3.3 runtime, on 127.0.0.1:
# a Flink 1.16 standalone cluster of its own (lib/statefun; web UI and REST on :8091, not the main
# cluster's :8081) running the StateFun job, and the function's HTTP server
# (engagement/target/stockwatch-engagement.jar, :8000). The module YAML (run/statefun/module.yaml)
# wires the Kafka ingress `feedback` (key = customerId) to the function stockwatch/engagement and
# its Kafka egresses to the topics `engagement` and `notify.dlq`.
#   statefun.sh start    function server, JobManager, TaskManager, then the StateFun job
#   statefun.sh stop
#   statefun.sh status
#   statefun.sh publish FILE   publish feedback JSONL to the feedback topic, key = each line's customerId
# Environment: STATEFUN_REST_PORT (8091), STATEFUN_RPC_PORT (6133), ENGAGEMENT_PORT (8000),
# FEEDBACK_TOPIC, ENGAGEMENT_TOPIC, DLQ_TOPIC, STATEFUN_DELIVERY (exactly-once | at-least-once),
# and KAFKA_PORT / STOCKWATCH_RUN_DIR as for the other scripts.
set -euo pipefail
. "$(dirname "$0")/common.sh"

DIR=$RUN_DIR/statefun
CONF=$DIR/conf
LIB=$LIB_DIR/statefun
JM_PID=$DIR/jobmanager.pid
TM_PID=$DIR/taskmanager.pid
FN_PID=$DIR/function.pid
STATEFUN_REST_PORT=${STATEFUN_REST_PORT:-8091}
STATEFUN_RPC_PORT=${STATEFUN_RPC_PORT:-6133}
STATEFUN_REST=http://127.0.0.1:$STATEFUN_REST_PORT
ENGAGEMENT_PORT=${ENGAGEMENT_PORT:-8000}
FEEDBACK_TOPIC=${FEEDBACK_TOPIC:-feedback}
ENGAGEMENT_TOPIC=${ENGAGEMENT_TOPIC:-engagement}
DLQ_TOPIC=${DLQ_TOPIC:-notify.dlq}
STATEFUN_DELIVERY=${STATEFUN_DELIVERY:-exactly-once}
FUNCTION_JAR=$ROOT_DIR/engagement/target/stockwatch-engagement.jar
ENTRY_CLASS=org.apache.flink.statefun.flink.core.StatefulFunctionsJob

statefun_get() {
  curl -sf "$STATEFUN_REST$1"
}

write_config() {
  mkdir -p "$CONF" "$DIR/log" "$DIR/checkpoints" "$DIR/tmp" "$DIR/plugins"
  # StateFun reads the module from statefun.remote.module-name (default classpath:module.yaml)
  cat > "$DIR/module.yaml" <<YAML
kind: io.statefun.endpoints.v2/http
spec:
  functions: stockwatch/*
  urlPathTemplate: http://127.0.0.1:$ENGAGEMENT_PORT/{function.name}
  transport:
    type: io.statefun.transports.v1/async
    call: 2m
    connect: 20s
---
kind: io.statefun.kafka.v1/ingress
spec:
  id: stockwatch/feedback
  address: $BOOTSTRAP
  consumerGroupId: stockwatch-engagement
  startupPosition:
    type: earliest
  topics:
    - topic: $FEEDBACK_TOPIC
      valueType: stockwatch/feedback
      targets:
        - stockwatch/engagement
---
kind: io.statefun.kafka.v1/egress
spec:
  id: stockwatch/engagement-out
  address: $BOOTSTRAP
  deliverySemantic:
    type: $STATEFUN_DELIVERY
    transactionTimeout: 15min
---
kind: io.statefun.kafka.v1/egress
spec:
  id: stockwatch/dlq-out
  address: $BOOTSTRAP
  deliverySemantic:
    type: $STATEFUN_DELIVERY
    transactionTimeout: 15min
YAML
  # Flink 1.16 reads flink-conf.yaml (Flink 2 reads config.yaml)
  cat > "$CONF/flink-conf.yaml" <<CONF
# written by deploy/local/statefun.sh
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $STATEFUN_RPC_PORT
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: 768m
taskmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
taskmanager.numberOfTaskSlots: 1
taskmanager.memory.process.size: 1024m
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $STATEFUN_REST_PORT
parallelism.default: 1
io.tmp.dirs: $DIR/tmp
# StateFun's own classes, Kafka and protobuf from lib/, as the StateFun image sets it; and every
# other class too: the job jar is lib's own statefun-flink-distribution, whose bundled copies
# (commons-collections of the Kafka consumer) would otherwise clash with lib's
classloader.parent-first-patterns.additional: org.apache.flink.statefun;org.apache.kafka;com.google.protobuf
classloader.resolve-order: parent-first
statefun.remote.module-name: file://$DIR/module.yaml
statefun.flink-job-name: stockwatch-engagement
state.backend: hashmap
state.checkpoints.dir: file://$DIR/checkpoints
execution.checkpointing.interval: 2s
restart-strategy: fixed-delay
restart-strategy.fixed-delay.attempts: 2147483647
restart-strategy.fixed-delay.delay: 2s
heartbeat.timeout: 10000
heartbeat.interval: 2000
CONF
  for name in log4j log4j-cli; do
    cat > "$CONF/$name.properties" <<CONF
rootLogger.level = INFO
rootLogger.appenderRef.main.ref = MainAppender
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
appender.main.name = MainAppender
appender.main.type = File
appender.main.fileName = \${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
CONF
  done
}

# start_flink NAME PARAMS PIDFILE CLASS ARGS...: a JobManager or TaskManager process
start_flink() {
  local name=$1 params jvm dynamic pidfile=$3 class=$4
  params=$(flink_resource_params "$LIB" "$CONF" "$2")
  jvm=$(first_line "$params")
  dynamic=$(last_line "$params")
  shift 4
  # shellcheck disable=SC2086 # the flags are lists of words
  FLINK_PLUGINS_DIR=$DIR/plugins nohup "$JAVA" $jvm "${FLINK_JVM_OPENS[@]}" \
    -Dlog.file="$DIR/log/$name.log" -Dlog4j.configurationFile="file:$CONF/log4j.properties" \
    -cp "$LIB/*" "$class" --configDir "$CONF" "$@" $dynamic \
    >"$DIR/log/$name.out" 2>&1 < /dev/null &
  echo $! > "$pidfile"
}

start_function() {
  [ -f "$FUNCTION_JAR" ] || die "$FUNCTION_JAR is missing: mvn -B -pl engagement -am package"
  if is_running "$FN_PID"; then
    echo "statefun: function server already running (pid $(cat "$FN_PID"))"
    return 0
  fi
  nohup "$JAVA" -Xmx256m -jar "$FUNCTION_JAR" --port "$ENGAGEMENT_PORT" \
    --topic.feedback "$FEEDBACK_TOPIC" --topic.engagement "$ENGAGEMENT_TOPIC" --dlq-topic "$DLQ_TOPIC" \
    >"$DIR/log/function.out" 2>&1 < /dev/null &
  echo $! > "$FN_PID"
  wait_for 20 "the function server on :$ENGAGEMENT_PORT" grep -q "engagement function" "$DIR/log/function.out"
  echo "statefun: function server on http://127.0.0.1:$ENGAGEMENT_PORT/ (pid $(cat "$FN_PID"))"
}

job_running() {
  statefun_get /jobs/overview | grep -q '"state":"RUNNING"'
}

start() {
  need_lib statefun
  mkdir -p "$DIR/log"
  write_config
  start_function
  if is_running "$JM_PID"; then
    echo "statefun: JobManager already running (pid $(cat "$JM_PID")), $STATEFUN_REST"
  else
    local started=$SECONDS
    start_flink jobmanager GET_JM_RESOURCE_PARAMS "$JM_PID" \
      org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --executionMode cluster
    wait_for 60 "the StateFun JobManager (see $DIR/log/jobmanager.log)" statefun_get /overview
    echo "statefun: JobManager up after $((SECONDS - started))s (pid $(cat "$JM_PID")), $STATEFUN_REST"
  fi
  if is_running "$TM_PID"; then
    echo "statefun: TaskManager already running (pid $(cat "$TM_PID"))"
  else
    start_flink taskmanager GET_TM_RESOURCE_PARAMS "$TM_PID" org.apache.flink.runtime.taskexecutor.TaskManagerRunner
    wait_for 60 "a StateFun TaskManager (see $DIR/log/taskmanager.log)" \
      sh -c "curl -sf $STATEFUN_REST/overview | grep -qv '\"taskmanagers\":0'"
    echo "statefun: TaskManager registered (pid $(cat "$TM_PID"))"
  fi
  if job_running; then
    echo "statefun: the StateFun job is already running"
    return 0
  fi
  FLINK_CONF_DIR=$CONF "$JAVA" "${FLINK_JVM_OPENS[@]}" -Dlog.file="$DIR/log/client.log" \
    -Dlog4j.configurationFile="file:$CONF/log4j-cli.properties" -cp "$LIB/*" \
    org.apache.flink.client.cli.CliFrontend run -d -c "$ENTRY_CLASS" "$(ls "$LIB"/statefun-flink-distribution-*.jar)" \
    || die "submitting the StateFun job failed; see $DIR/log/client.log"
  wait_for 60 "the StateFun job to run (see $DIR/log/jobmanager.log)" job_running
  echo "statefun: job running; feedback from $FEEDBACK_TOPIC -> stockwatch/engagement -> $ENGAGEMENT_TOPIC, dead letters -> $DLQ_TOPIC"
}

status() {
  local rc=0
  for p in "function server:$FN_PID" "JobManager:$JM_PID" "TaskManager:$TM_PID"; do
    if is_running "${p#*:}"; then echo "statefun: ${p%%:*} running (pid $(cat "${p#*:}"))"; else echo "statefun: ${p%%:*} not running"; rc=3; fi
  done
  if jobs=$(statefun_get /jobs/overview 2>/dev/null); then echo "statefun: $jobs"; fi
  return $rc
}

# publish FILE: one record a line, keyed by its customerId ("-" for a line without one: the
# Kafka ingress needs a key; the function dead-letters such a line)
publish() {
  [ -f "${1:-}" ] || die "usage: statefun.sh publish FILE.jsonl"
  sed -E 's/^(.*"customerId" *: *"([^"]*)".*)$/\2\t\1/; t; s/^/-\t/' "$1" \
    | kafka_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$BOOTSTRAP" --topic "$FEEDBACK_TOPIC" \
        --reader-property parse.key=true --reader-property "key.separator=$(printf '\t')"
  echo "statefun: published $(grep -c . "$1") feedback records from $1 to $FEEDBACK_TOPIC"
}

case "${1:-}" in
  start) start ;;
  publish) publish "${2:-}" ;;
  stop)
    stop_process "$TM_PID" "statefun TaskManager" 30
    stop_process "$JM_PID" "statefun JobManager" 30
    stop_process "$FN_PID" "statefun function server" 10
    ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
