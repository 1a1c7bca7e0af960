#!/usr/bin/env bash
# A one-node Kafka 4.2 broker (KRaft: broker and controller in one process) on 127.0.0.1.
#   kafka.sh start    format the storage on first use, start, wait for "Kafka Server started"
#   kafka.sh stop     clean shutdown (SIGTERM)
#   kafka.sh status
#   kafka.sh reset    stop and delete every topic and record (deploy/local/run/kafka)
# Data, config and server.log live in deploy/local/run/kafka.
set -euo pipefail
. "$(dirname "$0")/common.sh"

DIR=$RUN_DIR/kafka
PIDFILE=$DIR/kafka.pid

write_config() {
  mkdir -p "$DIR/data"
  cat > "$DIR/server.properties" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$DIR/data
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# the exactly-once sink's transaction.timeout.ms (15 min) must not exceed this
transaction.max.timeout.ms=900000
CONF
  cat > "$DIR/log4j2.properties" <<CONF
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = $DIR/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
logger.kafka-request.name = kafka.request.logger
logger.kafka-request.level = warn
CONF
}

start() {
  need_lib kafka
  if is_running "$PIDFILE"; then
    echo "kafka: already running (pid $(cat "$PIDFILE")), $BOOTSTRAP"
    return 0
  fi
  write_config
  if [ ! -f "$DIR/data/meta.properties" ]; then
    local cluster_id
    cluster_id=$(kafka_tool kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)
    kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$DIR/server.properties" >"$DIR/format.log" 2>&1 \
      || { cat "$DIR/format.log" >&2; die "formatting the storage failed"; }
    echo "kafka: storage formatted (cluster $cluster_id)"
  fi
  : > "$DIR/server.log"
  nohup "$JAVA" -Xms512m -Xmx512m -XX:+UseG1GC \
    -Dlog4j2.configurationFile="file:$DIR/log4j2.properties" \
    -cp "$LIB_DIR/kafka/*" kafka.Kafka "$DIR/server.properties" \
    >"$DIR/stdout.log" 2>&1 < /dev/null &
  echo $! > "$PIDFILE"
  local started=$SECONDS
  for _ in $(seq 1 120); do
    if grep -q "Kafka Server started" "$DIR/server.log" 2>/dev/null; then
      echo "kafka: started in $((SECONDS - started))s (pid $(cat "$PIDFILE")), bootstrap $BOOTSTRAP, log $DIR/server.log"
      return 0
    fi
    is_running "$PIDFILE" || { tail -n 30 "$DIR/stdout.log" "$DIR/server.log" >&2; die "the broker exited"; }
    sleep 0.5
  done
  die "the broker did not start within 60s; see $DIR/server.log"
}

status() {
  if is_running "$PIDFILE"; then
    echo "kafka: running (pid $(cat "$PIDFILE")), bootstrap $BOOTSTRAP"
  else
    echo "kafka: not running"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop_process "$PIDFILE" kafka 60 ;;
  status) status ;;
  reset)
    stop_process "$PIDFILE" kafka 60
    rm -rf "$DIR"
    echo "kafka: data deleted"
    ;;
  *) echo "usage: $0 start|stop|status|reset" >&2; exit 2 ;;
esac
