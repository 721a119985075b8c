#!/usr/bin/env bash
# A 100 MB file uploaded through the console's own upload endpoint of a real distribution on PostgreSQL: starts the
# built distribution on a fresh database with a small heap (KARAF_HEAP, default 160m here), installs the
# integration tests' test channel, lets a client write (a signed webhook) so that there is a New chat, then
# ConsoleUpload logs in as the first-run owner in a headless Chromium, takes the chat and POSTs the file to the
# composer's upload address as the browser does; it times each upload, hashes what the database holds and reads the
# distribution's heap (jcmd, jstat). Stops Karaf and drops the database at exit.
# Build first: mvn -DskipTests install. Needs Debian's chromium and chromedriver, jcmd and jstat (the JDK).
# Usage: bench/console-upload.sh [megabytes=100] [uploads=2]
# Environment: BENCH_QUIET, BENCH_JAVA_OPTS, MAVEN_ARGS, BENCH_SKIP_BUILD as for engine.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
. bench/karaf.sh
megabytes=${1:-100}
uploads=${2:-2}
export KARAF_HEAP=${KARAF_HEAP:-160m}

bench_build
trap karaf_cleanup EXIT
trap 'exit 130' INT TERM
karaf_on_postgres console_upload
karaf_start
karaf_test_channel
karaf_connect bench-upload
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "X-Test-Secret: $secret" \
  --data '{"type":"message","id":"upload-1","user":"client-1","first_name":"Client","last_name":"One","text":"Please send me the backup"}' \
  "$hook")
[ "$status" = 200 ] || { echo "the client's message was answered $status"; exit 1; }
wait_quiet
# word splitting of the options is intended
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:--Xms256m -Xmx1g} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$bench_cp" \
  dev.switchboard.bench.console.ConsoleUpload "http://127.0.0.1:$port/" "$OWNER_EMAIL" "$OWNER_PASSWORD" "$jdbc" \
  "$java_pid" "$megabytes" "$uploads"
