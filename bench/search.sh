#!/usr/bin/env bash
# Contact search and filters (INB-7) over 1,000,000 generated contacts on PostgreSQL (127.0.0.1:5432, user
# postgres): generates database sb_bench_search through the real migrations, measures the search without and with
# the trigram index, prints p50/p95/p99 and EXPLAIN ANALYZE notes, and drops the database at the end (about 1.5 GB
# while it runs; with --keep it stays for the next run: drop it with psql -c 'drop database sb_bench_search').
# Build the bundles first: mvn -B -pl bundles/card,bundles/chat,bundles/interactions -am install -DskipTests.
# Usage: bench/search.sh [--keep] [--contacts=1000000] [--rounds=300] [--warmup=30] [--before-rounds=60]
# JVM options: BENCH_JAVA_OPTS (default: 1 GiB heap). Maven options (e.g. -o): MAVEN_ARGS. BENCH_SKIP_BUILD and
# BENCH_QUIET as for engine.sh (bench/lib.sh); no exec plugin is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_build
wait_quiet
# word splitting of the options is intended
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--Xms256m -Xmx1g} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$bench_cp" dev.switchboard.bench.search.SearchBench "$@"
