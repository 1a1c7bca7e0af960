#!/usr/bin/env bash
# A one-node Kafka 4.2 broker (KRaft: broker and controller in one process) on 127.0.0.1.
#   kafka.sh start    format the storage on first use, start, wait for "Kafka Server started"
#   kafka.sh start --sasl-ssl
#                     the same plus a SASL_SSL listener on 127.0.0.1:$KAFKA_SASL_PORT (default 9094):
#                     SCRAM-SHA-512, a local CA and broker certificate made with keytool, and a
#                     user "stockwatch" with a random password. It writes the job's settings for
#                     that listener to run/kafka/secure/stockwatch-sasl-ssl.yaml (STOCKWATCH_CONFIG
#                     for job.sh and publish.sh) and client.properties (KAFKA_SASL_SSL=1 consume.sh).
#                     Passwords stay in run/kafka/secure (mode 600); keytool gets them through the
#                     environment. The PLAINTEXT listener stays for topics.sh and the controller.
#   kafka.sh stop     clean shutdown (SIGTERM)
#   kafka.sh status
#   kafka.sh reset    stop and delete every topic and record (deploy/local/run/kafka)
# Data, config and server.log live in deploy/local/run/kafka.
set -euo pipefail
. "$(dirname "$0")/common.sh"

DIR=$RUN_DIR/kafka
PIDFILE=$DIR/kafka.pid
SECURE=$DIR/secure
SASL_USER=stockwatch

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
  if [ -f "$SECURE/broker.p12" ]; then
    # shellcheck disable=SC1091
    . "$SECURE/passwords"
    sed -i -e "s|^listeners=.*|&,SASL_SSL://127.0.0.1:$KAFKA_SASL_PORT|" \
      -e "s|^advertised.listeners=.*|&,SASL_SSL://127.0.0.1:$KAFKA_SASL_PORT|" \
      -e "s|^listener.security.protocol.map=.*|&,SASL_SSL:SASL_SSL|" "$DIR/server.properties"
    cat >> "$DIR/server.properties" <<CONF
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.ssl.keystore.type=PKCS12
listener.name.sasl_ssl.ssl.keystore.location=$SECURE/broker.p12
listener.name.sasl_ssl.ssl.keystore.password=$KEYSTORE_PASSWORD
listener.name.sasl_ssl.ssl.key.password=$KEYSTORE_PASSWORD
CONF
    chmod 600 "$DIR/server.properties"
  fi
  write_file_log4j2 "$DIR/log4j2.properties" "$DIR/server.log"
  echo "logger.kafka-request.name = kafka.request.logger
logger.kafka-request.level = warn" >> "$DIR/log4j2.properties"
}

random_password() {
  head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24
}

# A local CA, the broker's key and certificate (127.0.0.1, localhost) signed by it, and a
# truststore with the CA for the clients; the passwords go through the environment, not argv.
make_certificates() {
  mkdir -p "$SECURE"
  chmod 700 "$SECURE"
  local CA_PASSWORD KEYSTORE_PASSWORD TRUSTSTORE_PASSWORD SASL_PASSWORD
  CA_PASSWORD=$(random_password); KEYSTORE_PASSWORD=$(random_password)
  TRUSTSTORE_PASSWORD=$(random_password); SASL_PASSWORD=$(random_password)
  export CA_PASSWORD KEYSTORE_PASSWORD TRUSTSTORE_PASSWORD
  local kt=(keytool -noprompt)
  (
    cd "$SECURE"
    "${kt[@]}" -genkeypair -alias ca -dname "CN=stockwatch local CA" -keyalg RSA -keysize 2048 -validity 825 \
      -ext bc:c -keystore ca.p12 -storetype PKCS12 -storepass:env CA_PASSWORD
    "${kt[@]}" -exportcert -rfc -alias ca -keystore ca.p12 -storepass:env CA_PASSWORD -file ca.pem
    "${kt[@]}" -genkeypair -alias broker -dname "CN=127.0.0.1" -keyalg RSA -keysize 2048 -validity 825 \
      -keystore broker.p12 -storetype PKCS12 -storepass:env KEYSTORE_PASSWORD
    "${kt[@]}" -certreq -alias broker -keystore broker.p12 -storepass:env KEYSTORE_PASSWORD -file broker.csr
    "${kt[@]}" -gencert -alias ca -keystore ca.p12 -storepass:env CA_PASSWORD -infile broker.csr -outfile broker.pem \
      -rfc -validity 825 -ext SAN=IP:127.0.0.1,DNS:localhost -ext KU=digitalSignature,keyEncipherment -ext EKU=serverAuth
    "${kt[@]}" -importcert -alias ca -file ca.pem -keystore broker.p12 -storepass:env KEYSTORE_PASSWORD
    "${kt[@]}" -importcert -alias broker -file broker.pem -keystore broker.p12 -storepass:env KEYSTORE_PASSWORD
    "${kt[@]}" -importcert -alias ca -file ca.pem -keystore truststore.p12 -storetype PKCS12 -storepass:env TRUSTSTORE_PASSWORD
  ) > "$SECURE/keytool.log" 2>&1 || { cat "$SECURE/keytool.log" >&2; die "keytool failed"; }
  umask 077
  printf 'KEYSTORE_PASSWORD=%s\nTRUSTSTORE_PASSWORD=%s\nSASL_PASSWORD=%s\n' \
    "$KEYSTORE_PASSWORD" "$TRUSTSTORE_PASSWORD" "$SASL_PASSWORD" > "$SECURE/passwords"
  local jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$SASL_USER\" password=\"$SASL_PASSWORD\";"
  cat > "$SECURE/client.properties" <<CONF
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$jaas
ssl.truststore.type=PKCS12
ssl.truststore.location=$SECURE/truststore.p12
ssl.truststore.password=$TRUSTSTORE_PASSWORD
CONF
  cat > "$SECURE/stockwatch-sasl-ssl.yaml" <<CONF
# the job, publish.sh and the tests on the SASL_SSL listener of deploy/local/kafka.sh
kafka.bootstrap-servers: "127.0.0.1:$KAFKA_SASL_PORT"
kafka.properties.security.protocol: SASL_SSL
kafka.properties.sasl.mechanism: SCRAM-SHA-512
kafka.properties.sasl.jaas.config: '$jaas'
kafka.properties.ssl.truststore.type: PKCS12
kafka.properties.ssl.truststore.location: "$SECURE/truststore.p12"
kafka.properties.ssl.truststore.password: "$TRUSTSTORE_PASSWORD"
CONF
  umask 022
}

# The SCRAM credentials of the job's user, stored by the controller (through the PLAINTEXT listener).
add_sasl_user() {
  # shellcheck disable=SC1091
  . "$SECURE/passwords"
  local admin=$SECURE/admin-scram.properties
  (umask 077; printf '' > "$admin")
  kafka_tool kafka.admin.ConfigCommand --bootstrap-server "$BOOTSTRAP" --command-config "$admin" \
    --alter --entity-type users --entity-name "$SASL_USER" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$SASL_PASSWORD]" >"$SECURE/scram.log" 2>&1 \
    || { cat "$SECURE/scram.log" >&2; die "adding the SCRAM user failed"; }
  echo "kafka: SASL_SSL on 127.0.0.1:$KAFKA_SASL_PORT, user $SASL_USER; settings in $SECURE/stockwatch-sasl-ssl.yaml"
}

start() {
  need_lib kafka
  if [ "${1:-}" = "--sasl-ssl" ] && [ ! -f "$SECURE/broker.p12" ]; then
    make_certificates
  fi
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
      if [ -f "$SECURE/broker.p12" ]; then
        add_sasl_user
      fi
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
  start) start "${2:-}" ;;
  stop) stop_process "$PIDFILE" kafka 60 ;;
  status) status ;;
  reset)
    stop_process "$PIDFILE" kafka 60
    rm -rf "$DIR"
    echo "kafka: data deleted"
    ;;
  *) echo "usage: $0 start [--sasl-ssl]|stop|status|reset" >&2; exit 2 ;;
esac
