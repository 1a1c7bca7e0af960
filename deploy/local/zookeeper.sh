#!/usr/bin/env bash
# A standalone Apache ZooKeeper 3.9 server on 127.0.0.1:$ZK_PORT (default 2181), for the Flink
# cluster's high availability (FLINK_HA=zookeeper deploy/local/flink.sh start).
#   zookeeper.sh start    start, wait until it serves requests
#   zookeeper.sh stop
#   zookeeper.sh status
#   zookeeper.sh reset    stop and delete its data (deploy/local/run/zookeeper)
set -euo pipefail
. "$(dirname "$0")/common.sh"

DIR=$RUN_DIR/zookeeper
PIDFILE=$DIR/zookeeper.pid

write_config() {
  mkdir -p "$DIR/data"
  cat > "$DIR/zoo.cfg" <<CONF
tickTime=2000
initLimit=10
syncLimit=5
dataDir=$DIR/data
clientPort=$ZK_PORT
clientPortAddress=127.0.0.1
maxClientCnxns=60
admin.enableServer=false
4lw.commands.whitelist=ruok,srvr
autopurge.purgeInterval=1
CONF
  write_file_log4j2 "$DIR/log4j2.properties" "$DIR/zookeeper.log"
}

# serving requests: the four-letter word srvr answers with its mode ("ruok" only says the process is up)
answers() {
  local reply
  exec 3<>"/dev/tcp/127.0.0.1/$ZK_PORT" || return 1
  printf 'srvr' >&3
  reply=$(timeout 2 cat <&3 || true)
  exec 3<&- 3>&-
  grep -q '^Mode: standalone' <<<"$reply"
}

start() {
  need_lib zookeeper
  if is_running "$PIDFILE"; then
    echo "zookeeper: already running (pid $(cat "$PIDFILE")), 127.0.0.1:$ZK_PORT"
    return 0
  fi
  write_config
  local started=$SECONDS
  nohup "$JAVA" -Xms128m -Xmx256m -Dlog4j2.configurationFile="file:$DIR/log4j2.properties" \
    -Dzookeeper.admin.enableServer=false \
    -cp "$LIB_DIR/zookeeper/*" org.apache.zookeeper.server.quorum.QuorumPeerMain "$DIR/zoo.cfg" \
    >"$DIR/stdout.log" 2>&1 < /dev/null &
  echo $! > "$PIDFILE"
  for _ in $(seq 1 60); do
    if answers 2>/dev/null; then
      echo "zookeeper: started in $((SECONDS - started))s (pid $(cat "$PIDFILE")), 127.0.0.1:$ZK_PORT, log $DIR/zookeeper.log"
      return 0
    fi
    is_running "$PIDFILE" || { tail -n 30 "$DIR/stdout.log" "$DIR/zookeeper.log" >&2; die "ZooKeeper exited"; }
    sleep 0.5
  done
  die "ZooKeeper did not answer within 30s; see $DIR/zookeeper.log"
}

case "${1:-}" in
  start) start ;;
  stop) stop_process "$PIDFILE" zookeeper 30 ;;
  status)
    if is_running "$PIDFILE" && answers; then
      echo "zookeeper: running (pid $(cat "$PIDFILE")), 127.0.0.1:$ZK_PORT"
    else
      echo "zookeeper: not running"
      exit 3
    fi
    ;;
  reset)
    stop_process "$PIDFILE" zookeeper 30
    rm -rf "$DIR"
    echo "zookeeper: data deleted"
    ;;
  *) echo "usage: $0 start|stop|status|reset" >&2; exit 2 ;;
esac
