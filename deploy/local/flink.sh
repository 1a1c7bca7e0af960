#!/usr/bin/env bash
# A Flink 2.2 standalone session cluster on 127.0.0.1: one JobManager and one TaskManager process,
# RocksDB state with incremental checkpoints (FLINK_STATE=low-latency: heap state with the changelog),
# checkpoints and savepoints under deploy/local/run/flink. Web UI and REST API on http://127.0.0.1:8081.
#   flink.sh start       JobManager + TaskManager, wait until the TaskManager has registered
#   flink.sh stop
#   flink.sh status
#   flink.sh kill-tm     kill -9 the TaskManager (a crash, for failover drills)
#   flink.sh start-tm    start a TaskManager again (a standalone cluster does not do it by itself)
#   flink.sh kill-jm     kill -9 the JobManager (with FLINK_HA=zookeeper, a drill: jobs survive)
#   flink.sh start-jm    start a JobManager again; with high availability it recovers the jobs
# FLINK_HA=zookeeper: high availability through the ZooKeeper of zookeeper.sh (127.0.0.1:$ZK_PORT),
# job graphs and checkpoint pointers in deploy/local/run/flink/ha. Without it a killed JobManager
# loses its jobs (restore them from a savepoint or retained checkpoint).
set -euo pipefail
. "$(dirname "$0")/common.sh"

DIR=$RUN_DIR/flink
JM_PID=$DIR/jobmanager.pid
TM_PID=$DIR/taskmanager.pid
TM_SLOTS=${TM_SLOTS:-2}

# The state backend. FLINK_STATE=rocksdb (default) as in production, each setting measured
# (docs/BENCHMARKS.md, "RocksDB settings"): incremental checkpoints upload only new SST files;
# timers stay in RocksDB (heap timers make figure 1 about 10-20 % faster, but every checkpoint
# writes them whole: with a million waiting subscriptions an incremental checkpoint took 0.38 s
# instead of 0.06 s, a restore 2.7 s instead of 0.6 s, and the mix after 1M subscriptions fell to
# 56 % of its speed after 10k, against about 100 % in RocksDB); the predefined options stay
# DEFAULT and managed memory at its default fraction (FLASH_SSD_OPTIMIZED and 1 GiB of managed
# memory changed nothing beyond noise). FLINK_STATE=low-latency: the README's low-latency setting,
# heap state with Flink's changelog, so that a checkpoint uploads only the changes since the
# previous one (figure 3: exactly-once p99 1.3-1.5 s with checkpoints every second); the state must
# fit in the TaskManagers' heap. Restores claim the snapshot they start from (below): copy a
# savepoint first to keep it.
state_config() {
  case "${FLINK_STATE:-rocksdb}" in
    rocksdb) cat <<CONF
state.backend.type: rocksdb
execution.checkpointing.incremental: true
state.backend.rocksdb.timer-service.factory: ROCKSDB
state.backend.rocksdb.predefined-options: DEFAULT
taskmanager.memory.managed.fraction: 0.4
CONF
    ;;
    low-latency) cat <<CONF
state.backend.type: hashmap
state.changelog.enabled: true
state.changelog.storage: filesystem
state.changelog.dstl.dfs.base-path: file://$DIR/changelog
taskmanager.memory.managed.fraction: 0.0
# the changelog cannot restore in NO_CLAIM mode (its first checkpoint fails, again and again):
# the job owns the savepoint or checkpoint it starts from and deletes it once newer ones exist
execution.state-recovery.claim-mode: CLAIM
CONF
    ;;
    *) die "FLINK_STATE must be rocksdb or low-latency, was ${FLINK_STATE}" ;;
  esac
}

write_config() {
  local state
  state=$(state_config) || exit 1
  mkdir -p "$FLINK_CONF" "$DIR/plugins" "$DIR/log" "$DIR/checkpoints" "$DIR/savepoints" "$DIR/tmp" "$DIR/web-upload"
  cat > "$FLINK_CONF/config.yaml" <<CONF
# written by deploy/local/flink.sh
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $FLINK_RPC_PORT
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: 1024m
taskmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
taskmanager.numberOfTaskSlots: $TM_SLOTS
taskmanager.memory.process.size: 2048m
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $FLINK_REST_PORT
parallelism.default: 2
$state
execution.checkpointing.dir: file://$DIR/checkpoints
execution.checkpointing.savepoint-dir: file://$DIR/savepoints
execution.checkpointing.num-retained: 3
io.tmp.dirs: $DIR/tmp
web.upload.dir: $DIR/web-upload
web.submit.enable: true
web.cancel.enable: true
# Prometheus /metrics on each process, the first free port of the range (JobManager, TaskManager)
metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
metrics.reporter.prom.port: $FLINK_PROM_PORTS
# a lost TaskManager is noticed within 10 s rather than 50 s
heartbeat.timeout: 10000
heartbeat.interval: 2000
CONF
  if [ "${FLINK_HA:-none}" = zookeeper ]; then
    cat >> "$FLINK_CONF/config.yaml" <<CONF
# high availability: a new JobManager finds the jobs and their latest checkpoints here
high-availability.type: zookeeper
high-availability.zookeeper.quorum: 127.0.0.1:$ZK_PORT
high-availability.zookeeper.path.root: /flink
high-availability.cluster-id: /stockwatch-local
high-availability.storageDir: file://$DIR/ha
# a dead JobManager's leadership ends with its ZooKeeper session: 10 s rather than 60 s
high-availability.zookeeper.client.session-timeout: 10000
high-availability.zookeeper.client.connection-timeout: 5000
CONF
  elif [ "${FLINK_HA:-none}" != none ]; then
    die "FLINK_HA must be zookeeper or none, was $FLINK_HA"
  fi
  local appender
  for name in log4j log4j-cli; do
    [ "$name" = log4j ] && appender=RollingFile || appender=File
    cat > "$FLINK_CONF/$name.properties" <<CONF
monitorInterval = 30
rootLogger.level = INFO
rootLogger.appenderRef.main.ref = MainAppender
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
logger.rocksdb.name = org.apache.flink.state.rocksdb
logger.rocksdb.level = WARN
appender.main.name = MainAppender
appender.main.type = $appender
appender.main.fileName = \${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
CONF
    if [ "$appender" = RollingFile ]; then
      cat >> "$FLINK_CONF/$name.properties" <<'CONF'
appender.main.filePattern = ${sys:log.file}.%i
appender.main.policies.type = Policies
appender.main.policies.size.type = SizeBasedTriggeringPolicy
appender.main.policies.size.size = 100MB
appender.main.strategy.type = DefaultRolloverStrategy
appender.main.strategy.max = 5
CONF
    fi
  done
}

resource_params() {
  flink_resource_params "$LIB_DIR/flink" "$FLINK_CONF" "$1"
}

start_jm() {
  export FLINK_PLUGINS_DIR=$DIR/plugins
  local params jvm dynamic
  params=$(resource_params GET_JM_RESOURCE_PARAMS)
  jvm=$(first_line "$params")
  dynamic=$(last_line "$params")
  # shellcheck disable=SC2086 # the flags are lists of words
  nohup "$JAVA" $jvm "${FLINK_JVM_OPENS[@]}" \
    -Dlog.file="$DIR/log/jobmanager.log" \
    -Dlog4j.configurationFile="file:$FLINK_CONF/log4j.properties" \
    -cp "$LIB_DIR/flink/*" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    --configDir "$FLINK_CONF" --executionMode cluster $dynamic \
    >>"$DIR/log/jobmanager.out" 2>&1 < /dev/null &
  echo $! > "$JM_PID"
}

start_tm() {
  export FLINK_PLUGINS_DIR=$DIR/plugins
  local params jvm dynamic
  params=$(resource_params GET_TM_RESOURCE_PARAMS)
  jvm=$(first_line "$params")
  dynamic=$(last_line "$params")
  # shellcheck disable=SC2086
  nohup "$JAVA" $jvm "${FLINK_JVM_OPENS[@]}" \
    -Dlog.file="$DIR/log/taskmanager.log" \
    -Dlog4j.configurationFile="file:$FLINK_CONF/log4j.properties" \
    -cp "$LIB_DIR/flink/*" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    --configDir "$FLINK_CONF" $dynamic \
    >>"$DIR/log/taskmanager.out" 2>&1 < /dev/null &
  echo $! > "$TM_PID"
}

taskmanager_ids() {
  http_get /taskmanagers | grep -o '"id":"[^"]*"' | sed 's/"id":"//; s/"$//'
}

# waits until a TaskManager other than the ones given is registered
await_new_tm() {
  local known=$1 started=$SECONDS
  for _ in $(seq 1 120); do
    is_running "$TM_PID" || { tail -n 30 "$DIR/log/taskmanager.out" >&2; die "the TaskManager exited; see $DIR/log/taskmanager.log"; }
    for id in $(taskmanager_ids 2>/dev/null || true); do
      if ! grep -qxF "$id" <<<"$known"; then
        echo "flink: TaskManager $id registered after $((SECONDS - started))s (pid $(cat "$TM_PID"))"
        return 0
      fi
    done
    sleep 0.5
  done
  die "no TaskManager registered within 60s; see $DIR/log/taskmanager.log"
}

# starts a JobManager and waits for its REST API
start_and_await_jm() {
  local started=$SECONDS
  start_jm
  for _ in $(seq 1 120); do
    http_get /overview >/dev/null 2>&1 && break
    is_running "$JM_PID" || { tail -n 30 "$DIR/log/jobmanager.out" >&2; die "the JobManager exited; see $DIR/log/jobmanager.log"; }
    sleep 0.5
  done
  http_get /overview >/dev/null || die "the JobManager did not come up within 60s; see $DIR/log/jobmanager.log"
  echo "flink: JobManager up after $((SECONDS - started))s (pid $(cat "$JM_PID")), $FLINK_REST"
}

start() {
  need_lib flink
  if is_running "$JM_PID"; then
    echo "flink: JobManager already running (pid $(cat "$JM_PID")), $FLINK_REST"
  else
    write_config
    start_and_await_jm
  fi
  if is_running "$TM_PID"; then
    echo "flink: TaskManager already running (pid $(cat "$TM_PID"))"
  else
    local known
    known=$(taskmanager_ids || true)
    start_tm
    await_new_tm "$known"
  fi
}

status() {
  local rc=0
  if is_running "$JM_PID"; then echo "flink: JobManager running (pid $(cat "$JM_PID")), $FLINK_REST"; else echo "flink: JobManager not running"; rc=3; fi
  if is_running "$TM_PID"; then echo "flink: TaskManager running (pid $(cat "$TM_PID"))"; else echo "flink: TaskManager not running"; rc=3; fi
  if overview=$(http_get /overview 2>/dev/null); then echo "flink: $overview"; fi
  return $rc
}

case "${1:-}" in
  start) start ;;
  stop)
    stop_process "$TM_PID" "flink TaskManager" 30
    stop_process "$JM_PID" "flink JobManager" 30
    ;;
  status) status ;;
  kill-tm)
    is_running "$TM_PID" || die "no TaskManager running"
    kill -KILL "$(cat "$TM_PID")"
    echo "flink: TaskManager $(cat "$TM_PID") killed (SIGKILL)"
    rm -f "$TM_PID"
    ;;
  start-tm)
    is_running "$JM_PID" || die "the JobManager is not running: flink.sh start"
    is_running "$TM_PID" && die "a TaskManager is running (pid $(cat "$TM_PID"))"
    known=$(taskmanager_ids || true)
    start_tm
    await_new_tm "$known"
    ;;
  kill-jm)
    is_running "$JM_PID" || die "no JobManager running"
    kill -KILL "$(cat "$JM_PID")"
    echo "flink: JobManager $(cat "$JM_PID") killed (SIGKILL)"
    rm -f "$JM_PID"
    ;;
  start-jm)
    is_running "$JM_PID" && die "a JobManager is running (pid $(cat "$JM_PID"))"
    start_and_await_jm
    ;;
  *) echo "usage: $0 start|stop|status|kill-tm|start-tm|kill-jm|start-jm" >&2; exit 2 ;;
esac
