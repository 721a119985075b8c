#!/usr/bin/env bash
# The chat engine's benchmarks on PostgreSQL (127.0.0.1:5432, user postgres, as the store's tests use): each one
# creates its own database sb_bench_*, wires the real services without OSGi, prints its figures and drops the
# database. Install the bundles first: mvn -B -pl bundles/chat,bundles/card,bundles/interactions -am install -DskipTests
# Usage: bench/engine.sh take    [rounds=200] [takers=50] [warmupRounds=20] [pool=10]
#        bench/engine.sh inbox   [--keep] [--rounds=100] [--warmup=10] [--chats=1000000] [--messages-per-chat=10] [--members=200]
#        bench/engine.sh ingress [messages=100000] [producers=8] [warmup=4000] [pool=10] [--tracking=PERCENT] [--chat-only] [--result=FILE]
#        bench/engine.sh upload  [--megabytes=100] [--pool=10]   (JVM -Xmx96m unless BENCH_JAVA_OPTS says otherwise)
# Maven compiles the bench and writes its classpath (dependency:build-classpath), then plain `java -cp` runs it:
# no exec plugin needed, online or offline (MAVEN_ARGS=-o). BENCH_SKIP_BUILD=1 runs the classes and classpath of
# the last build without Maven. JVM options: BENCH_JAVA_OPTS (default: 1 GiB heap). BENCH_QUIET=1.5 waits for a
# 1-minute load average below 1.5 first (see bench/lib.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
java_opts=${BENCH_JAVA_OPTS:--Xms256m -Xmx1g}
case "${1:-}" in
  take) main=TakeContention ;;
  inbox) main=TabQueries ;;
  ingress) main=IngressThroughput ;;
  upload) main=UploadBench; java_opts=${BENCH_JAVA_OPTS:--Xmx96m} ;;
  *) sed -n '5,8p' "$0"; exit 2 ;;
esac
shift
bench_build
wait_quiet
# word splitting of the options is intended
# shellcheck disable=SC2086
exec java $java_opts -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$bench_cp" "dev.switchboard.bench.engine.$main" "$@"
