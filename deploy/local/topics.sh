#!/usr/bin/env bash
# Creates the topics listed in deploy/topics.txt (or the file given) on the local broker; topics
# that exist are left as they are. Replication factor 1.
#   topics.sh [FILE]      create
#   topics.sh --list      list the topics on the broker
set -euo pipefail
. "$(dirname "$0")/common.sh"
need_lib kafka

if [ "${1:-}" = "--list" ]; then
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list
  exit 0
fi

FILE=${1:-$ROOT_DIR/deploy/topics.txt}
[ -f "$FILE" ] || die "no such file: $FILE"
existing=$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list) \
  || die "cannot reach the broker at $BOOTSTRAP (deploy/local/kafka.sh start)"

while read -r name partitions rest; do
  case "$name" in ''|'#'*) continue ;; esac
  if grep -qxF "$name" <<<"$existing"; then
    echo "  $name: exists"
    continue
  fi
  args=(--bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name"
        --partitions "${partitions:-3}" --replication-factor 1)
  for config in $rest; do
    args+=(--config "$config")
  done
  kafka_tool org.apache.kafka.tools.TopicCommand "${args[@]}" >/dev/null
  echo "  $name: created, $partitions partitions${rest:+, $rest}"
done < "$FILE"
