#!/usr/bin/env bash
# Telegram webhook throughput through the core endpoint (/hooks/telegram/<key>, HTTP, the real Telegram connector
# verifying X-Telegram-Bot-Api-Secret-Token and reading the Bot API's Update JSON), beside the raw single-row insert
# rate of the same PostgreSQL, in one run (issue 11):
#   1. creates a fresh PostgreSQL database (127.0.0.1:5432, user postgres) and unpacks the built distribution with its
#      store on it (bench/karaf.sh); starts the Telegram channel's fake Bot API (FakeTelegram, the one its tests use)
#      in a process of its own with two bots, then the distribution (which boots the Telegram channel);
#   2. through `bin/client`: connects the first-run project to each bot (token and api= the fake); the connector
#      checks the token with getMe and registers the webhook with setWebhook, and the fake hands the script each
#      webhook's address and secret as Telegram would know them;
#   3. WebhookLoad --platform=telegram: P senders POST Telegram updates (private chats, a tenth of new clients coming
#      through a /start deep link, 5 % byte-identical redeliveries) for a warm-up and a measured phase, then the
#      database is checked exactly;
#   4. stops Karaf; RawInserts: P threads of autocommit single-row inserts into that database for as long;
#   5. prints both side by side with the ratio; at exit (also on failure or Ctrl-C) stops the fake and Karaf and drops
#      the database.
# Build first, from the repository root: mvn -DskipTests install (the distribution with the Telegram channel). This
# script builds only the bench.
# Usage: bench/telegram.sh [--senders=8] [--seconds=60] [--warmup=90] [--only-webhooks]
# Environment: BENCH_QUIET=1.5 waits until the 1-minute load average is below 1.5 before the webhook phase (at most
# BENCH_QUIET_MINUTES, default 40) and before the raw inserts (at most BENCH_QUIET_SETTLE, default 5); KARAF_HEAP
# sets the distribution's -Xmx; BENCH_JAVA_OPTS, MAVEN_ARGS, BENCH_SKIP_BUILD as for engine.sh. Karaf's log is kept
# in bench/target/telegram-karaf.log.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
. bench/karaf.sh

senders=8 seconds=60 warmup=90 only_webhooks=
for a in "$@"; do
  case "$a" in
    --senders=*) senders=${a#*=} ;;
    --seconds=*) seconds=${a#*=} ;;
    --warmup=*) warmup=${a#*=} ;;
    --only-webhooks) only_webhooks=1 ;;
    *) sed -n '19p' "$0"; exit 2 ;;
  esac
done
settle=${BENCH_QUIET_SETTLE:-5}

# word splitting of the options is intended
# shellcheck disable=SC2086
java_bench() {
  java ${BENCH_JAVA_OPTS:--Xms256m -Xmx1g} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$bench_cp" "$@"
}

fake_pid=
telegram_cleanup() {
  set +e
  if [ -n "$fake_pid" ] && kill -0 "$fake_pid" 2>/dev/null; then
    kill "$fake_pid" 2>/dev/null
    wait "$fake_pid" 2>/dev/null
    echo "fake Bot API stopped"
  fi
  fake_pid=
  karaf_cleanup
}

bench_build
trap telegram_cleanup EXIT
trap 'exit 130' INT TERM
karaf_on_postgres telegram
java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$bench_cp" dev.switchboard.bench.telegram.FakeTelegram \
  --dir="$work" --bots=2 > "$work/fake.log" 2>&1 &
fake_pid=$!
for _ in $(seq 1 100); do [ -s "$work/api" ] && break; sleep 0.2; done
[ -s "$work/api" ] || { echo "the fake Bot API did not start:"; cat "$work/fake.log"; exit 1; }
api=$(cat "$work/api")
echo "fake Bot API at $api (pid $fake_pid)"
karaf_start
start=$(date +%s)
until karaf_shell "switchboard:connection-types" | grep -q telegram; do
  [ $(( $(date +%s) - start )) -gt 120 ] && { echo "the Telegram channel did not come up"; exit 1; }
  sleep 1
done
karaf_first_project
targets=()
for n in 1 2; do
  token=$(sed -n "${n}p" "$work/bots")
  created=$(karaf_shell "switchboard:connection-create $project $owner telegram bench-telegram-$n token=$token api=$api")
  connection=$(printf '%s\n' "$created" | grep -oE 'Created connection [0-9]+' | grep -oE '[0-9]+$')
  hook=$(printf '%s\n' "$created" | grep -oE 'webhook: \S+' | head -1 | cut -d' ' -f2)
  [ -n "$connection" ] && [ -n "$hook" ] || { echo "connection-create said: $created"; exit 1; }
  for _ in $(seq 1 100); do [ -s "$work/webhook-$n" ] && break; sleep 0.2; done
  [ -s "$work/webhook-$n" ] || { echo "bot $n's webhook was never set: $created"; exit 1; }
  read -r registered secret < "$work/webhook-$n"
  [ "$registered" = "$hook" ] || { echo "bot $n's webhook is $registered, the connection's $hook"; exit 1; }
  echo "connection $connection of project $project: $hook (webhook set at the fake Bot API)"
  targets+=("--connection=$connection,$hook,$secret")
done

echo
wait_quiet
kill -0 "$java_pid" 2>/dev/null || { echo "Karaf is gone (see bench/target/telegram-karaf.log)"; exit 1; }
java_bench dev.switchboard.bench.webhooks.WebhookLoad --platform=telegram "${targets[@]}" --db="$jdbc" \
  --karaf-pid="$java_pid" --senders="$senders" --warmup="$warmup" --seconds="$seconds" \
  --result="$work/webhook.result"
karaf_stop
if [ -z "$only_webhooks" ]; then
  echo
  wait_quiet "$settle"
  java_bench dev.switchboard.bench.webhooks.RawInserts --db="$jdbc" --threads="$senders" --seconds="$seconds" \
    --result="$work/raw.result"
fi
java_bench dev.switchboard.bench.webhooks.SideBySide "$work/webhook.result" "$work/raw.result"
