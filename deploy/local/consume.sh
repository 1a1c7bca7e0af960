#!/usr/bin/env bash
# Reads an output topic of the local broker from its beginning, as a sender would
# (isolation.level=read_committed): key, kind header and payload of each record.
#   consume.sh [TOPIC] [more ConsoleConsumer options, e.g. --max-messages 10 --timeout-ms 20000]
# KAFKA_SASL_SSL=1: through the SASL_SSL listener of kafka.sh start --sasl-ssl, as its user.
set -euo pipefail
. "$(dirname "$0")/common.sh"
need_lib kafka

TOPIC=${1:-notify.email}
shift || true
SECURITY=()
if [ "${KAFKA_SASL_SSL:-}" = 1 ]; then
  BOOTSTRAP=127.0.0.1:$KAFKA_SASL_PORT
  SECURITY=(--consumer.config "$RUN_DIR/kafka/secure/client.properties")
fi
exec "$JAVA" -Xmx256m -cp "$LIB_DIR/kafka/*" org.apache.kafka.tools.consumer.ConsoleConsumer \
  --bootstrap-server "$BOOTSTRAP" --topic "$TOPIC" --from-beginning "${SECURITY[@]}" \
  --isolation-level read_committed \
  --formatter-property print.key=true \
  --formatter-property print.headers=true \
  --formatter-property key.separator=' | ' \
  "$@"
