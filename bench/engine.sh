#!/usr/bin/env bash
# The chat engine's benchmarks on PostgreSQL (127.0.0.1:5432, user postgres, as the store's tests use): each one
# creates its own database sb_bench_*, wires the real services without OSGi, prints its figures and drops the
# database. Build the engine first: mvn -B -pl bundles/chat -am install -DskipTests.
# Usage: bench/engine.sh take    [rounds=200] [takers=50] [warmupRounds=20] [pool=10]
#        bench/engine.sh inbox   [--keep] [--rounds=100] [--warmup=10] [--chats=1000000] [--messages-per-chat=10] [--members=200]
#        bench/engine.sh ingress [messages=100000] [producers=8] [warmup=4000] [pool=10]
# JVM options: BENCH_JAVA_OPTS (default: 1 GiB heap). Maven options (e.g. -o): MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  take) main=TakeContention ;;
  inbox) main=TabQueries ;;
  ingress) main=IngressThroughput ;;
  *) sed -n '5,7p' "$0"; exit 2 ;;
esac
shift
java_opts=${BENCH_JAVA_OPTS:--Xms256m -Xmx1g}
exec mvn -B -q ${MAVEN_ARGS:-} -f bench/pom.xml compile exec:exec -Dexec.executable=java \
  -Dexec.args="$java_opts -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -classpath %classpath dev.switchboard.bench.engine.$main $*"
