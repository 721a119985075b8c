#!/usr/bin/env bash
# Webhook throughput through the core endpoint (/hooks/test/<key>, HTTP, the test channel verifying X-Test-Secret),
# beside the raw single-row insert rate of the same PostgreSQL and the engine-only ingress, in one run:
#   1. creates a fresh PostgreSQL database (127.0.0.1:5432, user postgres), unpacks the built distribution into a
#      temporary folder, points its store at that database, starts it with `bin/karaf server` (bench/karaf.sh);
#   2. through `bin/client`: adds the integration tests' features repository, installs the test channel
#      (switchboard-itest-channel) and connects the first-run project to it twice; reads each connection's webhook
#      address and (from the test platform's /test-channel/secret) its secret;
#   3. WebhookLoad: P senders POST the test platform's JSON for a warm-up and a measured phase, then the database is
#      checked exactly;
#   4. stops Karaf; RawInserts: P threads of autocommit single-row inserts into that database for as long;
#   5. IngressThroughput (in process, its own database, P producers): the engine-only figure;
#   6. prints the three side by side; at exit (also on failure or Ctrl-C) stops Karaf and drops the database.
# Build first, from the repository root: mvn -DskipTests install (the distribution, the bundles the bench wires,
# and itests/test-channel + itests/features, which Karaf resolves from ~/.m2). This script builds only the bench.
# Usage: bench/webhooks.sh [--senders=8] [--seconds=60] [--warmup=90] [--ingress-messages=100000] [--only-webhooks]
# Environment: BENCH_QUIET=1.5 waits until the 1-minute load average is below 1.5 before the webhook phase (at most
# BENCH_QUIET_MINUTES, default 40) and before each later phase (at most BENCH_QUIET_SETTLE, default 5: the bench's
# own load settles in a minute or two); KARAF_HEAP sets the distribution's -Xmx (default: the JVM's, a quarter of
# the memory); BENCH_JAVA_OPTS, MAVEN_ARGS, BENCH_SKIP_BUILD as for engine.sh. Karaf's log is kept in
# bench/target/webhooks-karaf.log.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
. bench/karaf.sh

senders=8 seconds=60 warmup=90 messages=100000 only_webhooks=
for a in "$@"; do
  case "$a" in
    --senders=*) senders=${a#*=} ;;
    --seconds=*) seconds=${a#*=} ;;
    --warmup=*) warmup=${a#*=} ;;
    --ingress-messages=*) messages=${a#*=} ;;
    --only-webhooks) only_webhooks=1 ;;
    *) sed -n '16p' "$0"; exit 2 ;;
  esac
done
settle=${BENCH_QUIET_SETTLE:-5}

bench_build
trap karaf_cleanup EXIT
trap 'exit 130' INT TERM
karaf_on_postgres webhooks
karaf_start
karaf_test_channel
targets=()
for n in 1 2; do
  karaf_connect "bench-webhooks-$n"
  targets+=("--connection=$connection,$hook,$secret")
done

# word splitting of the options is intended
# shellcheck disable=SC2086
java_bench() {
  java ${BENCH_JAVA_OPTS:--Xms256m -Xmx1g} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$bench_cp" "$@"
}

echo
wait_quiet
kill -0 "$java_pid" 2>/dev/null || { echo "Karaf is gone (see bench/target/webhooks-karaf.log)"; exit 1; }
java_bench dev.switchboard.bench.webhooks.WebhookLoad "${targets[@]}" --db="$jdbc" --karaf-pid="$java_pid" \
  --senders="$senders" --warmup="$warmup" --seconds="$seconds" --result="$work/webhook.result"
karaf_stop
if [ -z "$only_webhooks" ]; then
  echo
  wait_quiet "$settle"
  java_bench dev.switchboard.bench.webhooks.RawInserts --db="$jdbc" --threads="$senders" --seconds="$seconds" \
    --result="$work/raw.result"
  echo
  wait_quiet "$settle"
  java_bench dev.switchboard.bench.engine.IngressThroughput "$messages" "$senders" --result="$work/engine.result"
fi
java_bench dev.switchboard.bench.webhooks.SideBySide "$work/webhook.result" "$work/raw.result" "$work/engine.result"
