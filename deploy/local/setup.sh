#!/usr/bin/env bash
# Assembles deploy/local/lib/kafka, deploy/local/lib/flink and deploy/local/lib/zookeeper from
# Maven Central (about 170 MB),
# and deploy/local/lib/statefun (Flink 1.16 + Stateful Functions 3.3 for statefun.sh, about
# 175 MB), and builds the job jars. Run once; again after a version change.
set -euo pipefail
. "$(dirname "$0")/common.sh"

mvn -B -q -f "$LOCAL_DIR/lib-pom.xml" -Pkafka package
mvn -B -q -f "$LOCAL_DIR/lib-pom.xml" -Pflink package
mvn -B -q -f "$LOCAL_DIR/lib-pom.xml" -Pzookeeper package
# a fresh copy: copy-dependencies adds jars but never removes one of another version
rm -rf "$LIB_DIR/statefun"
mvn -B -q -f "$LOCAL_DIR/lib-pom.xml" -Pstatefun package
echo "lib/kafka: $(ls "$LIB_DIR/kafka" | wc -l) jars, $(du -sh "$LIB_DIR/kafka" | cut -f1)"
echo "lib/flink: $(ls "$LIB_DIR/flink" | wc -l) jars, $(du -sh "$LIB_DIR/flink" | cut -f1)"
echo "lib/zookeeper: $(ls "$LIB_DIR/zookeeper" | wc -l) jars, $(du -sh "$LIB_DIR/zookeeper" | cut -f1)"
echo "lib/statefun: $(ls "$LIB_DIR/statefun" | wc -l) jars, $(du -sh "$LIB_DIR/statefun" | cut -f1)"
if [ "${1:-}" != "--no-build" ]; then
  (cd "$ROOT_DIR" && mvn -B -q install -DskipTests)
  echo "job: $(ls -1 "$ROOT_DIR"/job/target/stockwatch*.jar | tr '\n' ' ')"
fi
