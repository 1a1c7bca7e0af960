# Shared by the deploy/local scripts: paths, ports, and small helpers. Source it, do not run it.
# Everything binds to 127.0.0.1; every file the scripts write lives under deploy/local/run/
# (or $STOCKWATCH_RUN_DIR). Ports: $KAFKA_PORT, $KAFKA_CONTROLLER_PORT, $FLINK_REST_PORT, $FLINK_RPC_PORT,
# $FLINK_PROM_PORTS (Prometheus /metrics, a range: one port per JobManager and TaskManager),
# $ZK_PORT (ZooKeeper, for FLINK_HA=zookeeper).

LOCAL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(cd "$LOCAL_DIR/../.." && pwd)
LIB_DIR=$LOCAL_DIR/lib
RUN_DIR=${STOCKWATCH_RUN_DIR:-$LOCAL_DIR/run}

JAVA=${JAVA:-java}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
KAFKA_SASL_PORT=${KAFKA_SASL_PORT:-9094}
BOOTSTRAP=127.0.0.1:$KAFKA_PORT
FLINK_REST_PORT=${FLINK_REST_PORT:-8081}
FLINK_RPC_PORT=${FLINK_RPC_PORT:-6123}
FLINK_PROM_PORTS=${FLINK_PROM_PORTS:-9249-9250}
ZK_PORT=${ZK_PORT:-2181}
FLINK_REST=http://127.0.0.1:$FLINK_REST_PORT
FLINK_CONF=$RUN_DIR/flink/conf

# Java 17 needs these for Flink (the list of env.java.opts.all in Flink's default config, which
# only Flink's own shell scripts read): JobManager, TaskManager and the CLI all get them.
FLINK_JVM_OPENS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

need_lib() {
  [ -d "$LIB_DIR/$1" ] && [ -n "$(ls -A "$LIB_DIR/$1" 2>/dev/null)" ] \
    || die "deploy/local/lib/$1 is missing: run deploy/local/setup.sh first"
}

# is_running PIDFILE: true when the process in PIDFILE is alive
is_running() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# stop_process PIDFILE NAME [SECONDS]: SIGTERM, wait, then SIGKILL if it is still there
stop_process() {
  local pidfile=$1 name=$2 wait=${3:-30}
  if ! is_running "$pidfile"; then
    echo "$name: not running"
    rm -f "$pidfile"
    return 0
  fi
  local pid
  pid=$(cat "$pidfile")
  kill -TERM "$pid"
  for _ in $(seq 1 $((wait * 5))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$name: still running after ${wait}s, killing it"
    kill -KILL "$pid"
  fi
  rm -f "$pidfile"
  echo "$name: stopped (pid $pid)"
}

# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.5 s
wait_for() {
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq 1 $((seconds * 2))); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  die "timed out after ${seconds}s waiting for $what"
}

# write_file_log4j2 CONFIG LOGFILE: a log4j2 configuration that logs INFO and above into LOGFILE
write_file_log4j2() {
  cat > "$1" <<CONF
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = $2
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
CONF
}

# http_get PATH: GET on the Flink REST API
http_get() {
  curl -sf "$FLINK_REST$1"
}

# flink_resource_params LIB CONF GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS: two lines, JVM
# flags and -D properties, computed from the memory settings the way Flink's own scripts do
# (flink.sh for the main cluster, statefun.sh for the Stateful Functions one)
# the first and the last line of $1; without a pipe, since `echo | head` can die of SIGPIPE under pipefail
first_line() { printf '%s' "${1%%$'\n'*}"; }
last_line() { printf '%s' "${1##*$'\n'}"; }

flink_resource_params() {
  local out
  out=$("$JAVA" -Xmx128m -cp "$1/*" org.apache.flink.runtime.util.bash.BashJavaUtils "$3" \
          --configDir "$2" 2>&1) || { echo "$out" >&2; die "BashJavaUtils $3 failed"; }
  echo "$out" | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
}

kafka_tool() {
  "$JAVA" -Xmx256m -cp "$LIB_DIR/kafka/*" "$@"
}

flink_cli() {
  FLINK_CONF_DIR=$FLINK_CONF "$JAVA" "${FLINK_JVM_OPENS[@]}" \
    -Dlog.file="$RUN_DIR/flink/log/client.log" \
    -Dlog4j.configurationFile="file:$FLINK_CONF/log4j-cli.properties" \
    -cp "$LIB_DIR/flink/*" org.apache.flink.client.cli.CliFrontend "$@"
}
