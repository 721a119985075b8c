#!/usr/bin/env bash
# Webhook throughput through the core endpoint (/hooks/test/<key>, HTTP, the test channel verifying X-Test-Secret),
# beside the raw single-row insert rate of the same PostgreSQL and the engine-only ingress, in one run:
#   1. creates a fresh PostgreSQL database (127.0.0.1:5432, user postgres), unpacks the built distribution into a
#      temporary folder, points its store at that database, starts it with `bin/karaf server`;
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
# Usage: bench/webhooks.sh [--senders=8] [--seconds=60] [--warmup=15] [--ingress-messages=100000] [--only-webhooks]
# Environment: BENCH_QUIET=1.5 waits before each of the three measurements until the 1-minute load average is below
# 1.5 (at most BENCH_QUIET_MINUTES=40); KARAF_JAVA_MAX_MEM sets the distribution's heap (default: bin/karaf's);
# BENCH_JAVA_OPTS, MAVEN_ARGS, BENCH_SKIP_BUILD as for engine.sh. Karaf's log is kept in bench/target/webhooks-karaf.log.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

senders=8 seconds=60 warmup=15 messages=100000 only_webhooks=
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

tar=$(ls karaf-distribution/target/switchboard-*.tar.gz | head -1)
version=$(basename "$tar" .tar.gz)
version=${version#switchboard-distribution-}
db=sb_bench_webhooks_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
jdbc="jdbc:postgresql://127.0.0.1:5432/$db"
work=$(mktemp -d /tmp/sb-bench-webhooks.XXXXXX)
home="$work/karaf"
karaf_pid=
java_pid=

psql_admin() {
  psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt -c "$1"
}

# bin/karaf runs Java as its child: ask Karaf to stop as an operator does, then make sure both are gone.
stop_karaf() {
  [ -z "$karaf_pid" ] && return 0
  if kill -0 "$karaf_pid" 2>/dev/null; then
    "$home/bin/stop" > /dev/null 2>&1 || true
    for _ in $(seq 1 60); do kill -0 "$karaf_pid" 2>/dev/null || break; sleep 1; done
  fi
  if [ -n "$java_pid" ] && kill -0 "$java_pid" 2>/dev/null; then
    kill "$java_pid" 2>/dev/null || true
    sleep 5
    kill -9 "$java_pid" 2>/dev/null || true
  fi
  kill "$karaf_pid" 2>/dev/null || true
  wait "$karaf_pid" 2>/dev/null || true
  karaf_pid=
  java_pid=
  echo "Karaf stopped ($(date -u +%H:%M:%S) UTC)"
}

cleanup() {
  set +e
  stop_karaf
  if [ -f "$home/data/log/karaf.log" ]; then
    mkdir -p bench/target && cp "$home/data/log/karaf.log" bench/target/webhooks-karaf.log
  fi
  psql_admin "select pg_terminate_backend(pid) from pg_stat_activity where datname = '$db'" > /dev/null
  psql_admin "drop database if exists $db" && echo "dropped database $db"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Karaf's shell through bin/client, commands on stdin, as an operator scripts it
shell() {
  printf '%s\n' "$1" | "$home/bin/client" -a "$ssh" -h 127.0.0.1 -u bench -p bench -r 10 -d 2 -b 2>&1
}

bench_build
psql_admin "create database $db"
echo "created database $db"

mkdir -p "$home"
tar -xzf "$tar" -C "$home" --strip-components=1
port=$(free_port)
ssh=$(free_port)
printf '\norg.osgi.service.http.port = %s\n' "$port" >> "$home/etc/org.apache.felix.http.cfg"
printf '\nsshPort = %s\nsshHost = 127.0.0.1\n' "$ssh" >> "$home/etc/org.apache.karaf.shell.cfg"
printf 'db.kind = postgresql\npostgresql.url = %s\npostgresql.user = postgres\n' "$jdbc" \
  > "$home/etc/dev.switchboard.store.cfg"
printf 'public.url = http://127.0.0.1:%s\n' "$port" > "$home/etc/dev.switchboard.chat.cfg"
printf 'firstRun.ownerPassword = bench-owner-password\n' > "$home/etc/dev.switchboard.team.cfg"
# a local admin for bin/client; the distribution ships without any shell user
printf 'bench = bench,_g_:admingroup\n_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n' \
  > "$home/etc/users.properties"

start=$(date +%s)
if [ -n "${KARAF_JAVA_MAX_MEM:-}" ]; then export JAVA_MAX_MEM=$KARAF_JAVA_MAX_MEM; fi
(cd "$home" && exec bin/karaf server > "$home/console.out" 2>&1) &
karaf_pid=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" = 200 ]; do
  kill -0 "$karaf_pid" 2>/dev/null || { echo "Karaf exited:"; cat "$home/console.out"; exit 1; }
  [ $(( $(date +%s) - start )) -gt 180 ] && { echo "Karaf did not answer within 180 s"; exit 1; }
  sleep 0.5
done
java_pid=$(pgrep -P "$karaf_pid" java | head -1)
echo "Karaf up on port $port in $(( $(date +%s) - start )) s (Java pid $java_pid; heap:" \
  "$(jcmd "$java_pid" VM.flags 2>/dev/null | grep -o ' -XX:MaxHeapSize=[0-9]*' | head -1 | awk -F= '{printf "max %d MiB", $2/1048576}'))"

shell "feature:repo-add mvn:dev.switchboard/switchboard-itest-features/$version/xml/features" > /dev/null
shell "feature:install switchboard-itest-channel" > /dev/null
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/test-channel/connections")" = 200 ]; do
  [ $(( $(date +%s) - start )) -gt 300 ] && { echo "the test channel did not come up"; exit 1; }
  sleep 0.5
done
project=$(shell "switchboard:project-list" | grep -oE '^\s*[0-9]+\s*\|' | grep -oE '[0-9]+' | head -1)
owner=$(shell "switchboard:member-list $project" | grep -E 'owner@switchboard.local' | grep -oE '^\s*[0-9]+' \
  | tr -d ' ' | head -1)
targets=()
for n in 1 2; do
  created=$(shell "switchboard:connection-create $project $owner test bench-webhooks-$n")
  connection=$(printf '%s\n' "$created" | grep -oE 'Created connection [0-9]+' | grep -oE '[0-9]+$')
  hook=$(printf '%s\n' "$created" | grep -oE 'webhook: \S+' | head -1 | cut -d' ' -f2)
  [ -n "$connection" ] && [ -n "$hook" ] || { echo "connection-create said: $created"; exit 1; }
  secret=$(curl -sf "http://127.0.0.1:$port/test-channel/secret?connection=$connection")
  targets+=("--connection=$connection,$hook,$secret")
  echo "connection $connection of project $project: $hook"
done

# word splitting of the options is intended
# shellcheck disable=SC2086
java_bench() { java ${BENCH_JAVA_OPTS:--Xms256m -Xmx1g} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$bench_cp" "$@"; }

echo
wait_quiet
java_bench dev.switchboard.bench.webhooks.WebhookLoad "${targets[@]}" --db="$jdbc" --karaf-pid="$java_pid" \
  --senders="$senders" --warmup="$warmup" --seconds="$seconds" --result="$work/webhook.result"
stop_karaf
if [ -z "$only_webhooks" ]; then
  echo
  wait_quiet
  java_bench dev.switchboard.bench.webhooks.RawInserts --db="$jdbc" --threads="$senders" --seconds="$seconds" \
    --result="$work/raw.result"
  echo
  wait_quiet
  java_bench dev.switchboard.bench.engine.IngressThroughput "$messages" "$senders" --result="$work/engine.result"
fi
java_bench dev.switchboard.bench.webhooks.SideBySide "$work/webhook.result" "$work/raw.result" "$work/engine.result"
