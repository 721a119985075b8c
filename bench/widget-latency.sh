#!/usr/bin/env bash
# Issue 10's figure: a website widget visitor's message until it is visible in a manager's open console.
#   1. creates a fresh PostgreSQL database (127.0.0.1:5432, user postgres), unpacks the built distribution into a
#      temporary folder with its store on that database (bench/karaf.sh); the widget trusts X-Forwarded-For
#      (etc/dev.switchboard.widget.cfg trustProxy = true), as behind a reverse proxy, so that each simulated visitor
#      has an address of its own; starts it with `bin/karaf server`;
#   2. waits for the demo page /demo/ (the demo widget connection of the first-run project, as the distribution
#      ships it) and reads the widget's key from it;
#   3. WidgetLatency: a headless Chromium logs in to the console as the first-run owner, opens New with one chat
#      open and injects a MutationObserver that notes when each message's marker enters the page; a load driver
#      (JDK HttpClient) plays widget visitors through /widget/api with the demo page's Origin at a steady rate, a
#      warm-up, then the measured phase, then a drain; it reports POST -> visible in the open chat's window and in
#      the New list (p50/p95/p99, never appeared) and checks the database;
#   4. at exit (also on failure or Ctrl-C) stops Karaf and drops the database; Karaf's log is kept in
#      bench/target/widget_latency-karaf.log.
# Build first, from the repository root: mvn -DskipTests install (the distribution). Needs Debian's chromium and
# chromedriver, psql, curl.
# Usage: bench/widget-latency.sh [--visitors=50] [--rate=10] [--open-rate=0.45] [--per-visitor=6] [--warmup=60]
#        [--seconds=120] [--drain=20]
# Environment: BENCH_QUIET=1.5 waits until the 1-minute load average is below 1.5 before the load starts (at most
# BENCH_QUIET_MINUTES, default 40); KARAF_HEAP sets the distribution's -Xmx; BENCH_JAVA_OPTS, MAVEN_ARGS,
# BENCH_SKIP_BUILD as for engine.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
. bench/karaf.sh

options=()
for a in "$@"; do
  case "$a" in
    --visitors=*|--rate=*|--open-rate=*|--per-visitor=*|--warmup=*|--seconds=*|--drain=*) options+=("$a") ;;
    *) sed -n '17,18p' "$0"; exit 2 ;;
  esac
done

bench_build
trap karaf_cleanup EXIT
trap 'exit 130' INT TERM
karaf_on_postgres widget_latency
printf '\ntrustProxy = true\n' >> "$home/etc/dev.switchboard.widget.cfg"
karaf_start
# the demo connection is made as the widget's bundle starts, or at the first visit of the page
start=$(date +%s)
key=
until [ -n "$key" ]; do
  key=$(curl -s "http://127.0.0.1:$port/demo/" | grep -o 'data-key="[^"]*"' | head -1 | cut -d'"' -f2 || true)
  [ $(( $(date +%s) - start )) -gt 120 ] && { echo "no demo page within 120 s"; exit 1; }
  [ -n "$key" ] || sleep 1
done
echo "demo widget key $key"

echo
wait_quiet
kill -0 "$java_pid" 2>/dev/null || { echo "Karaf is gone (see bench/target/widget_latency-karaf.log)"; exit 1; }
# word splitting of the options is intended
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:--Xms256m -Xmx1g} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$bench_cp" \
  dev.switchboard.bench.widget.WidgetLatency --console="http://127.0.0.1:$port/" --email="$OWNER_EMAIL" \
  --password="$OWNER_PASSWORD" --key="$key" --origin="http://127.0.0.1:$port" --db="$jdbc" \
  --karaf-pid="$java_pid" --result="$work/widget.result" "${options[@]}"
# Event Admin stops calling a handler for good once a call took longer than its timeout (5 s): the console's pages
# would follow nothing more, and the figures above would be void
if grep -h "Denying event handler" "$home/data/log/karaf.log"; then
  echo "WARNING: Event Admin black-listed an event handler during the run (above): the figures are not valid"
fi
