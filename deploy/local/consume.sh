#!/usr/bin/env bash
# Reads an output topic of the local broker from its beginning, as a sender would
# (isolation.level=read_committed): key, kind header and payload of each record.
#   consume.sh [TOPIC] [more ConsoleConsumer options, e.g. --max-messages 10 --timeout-ms 20000]
set -euo pipefail
. "$(dirname "$0")/common.sh"
need_lib kafka

TOPIC=${1:-notify.email}
shift || true
exec "$JAVA" -Xmx256m -cp "$LIB_DIR/kafka/*" org.apache.kafka.tools.consumer.ConsoleConsumer \
  --bootstrap-server "$BOOTSTRAP" --topic "$TOPIC" --from-beginning \
  --isolation-level read_committed \
  --formatter-property print.key=true \
  --formatter-property print.headers=true \
  --formatter-property key.separator=' | ' \
  "$@"
