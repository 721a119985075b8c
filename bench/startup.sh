#!/usr/bin/env bash
# Measures the distribution as an operator gets it: size, cold start to the first console 200, heap after
# start, and heap with N open console sessions (each a headless Chromium that loads the console page, so Vaadin
# creates a session and a UI). Build first: mvn -DskipTests install. Usage: bench/startup.sh [sessions]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
sessions=${1:-20}
tar=$(ls karaf-distribution/target/switchboard-*.tar.gz)
work=$(mktemp -d)
java_pid=
stop() {
  # bin/karaf runs Java as its child: stop Karaf cleanly, then make sure both are gone.
  [ -n "$java_pid" ] && kill "$java_pid" 2>/dev/null
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap stop EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
tar -xzf "$tar" -C "$work" --strip-components=1
printf '\norg.osgi.service.http.port = %s\n' "$port" >> "$work/etc/org.apache.felix.http.cfg"
printf '\nfirstRun.ownerPassword = bench-owner-password\n' >> "$work/etc/dev.switchboard.team.cfg"

echo "distribution: $(du -h "$tar" | cut -f1) packed, $(du -sh "$work" | cut -f1) unpacked"

start=$(date +%s%N)
(cd "$work" && exec bin/karaf server > "$work/console.out" 2>&1) &
pid=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" = 200 ]; do sleep 0.05; done
end=$(date +%s%N)
echo "cold start to first console 200: $(( (end - start) / 1000000 )) ms"

java_pid=$(pgrep -f "karaf.home=$work" | head -1)
heap() {
  jcmd "$java_pid" GC.run > /dev/null
  sleep 1
  jcmd "$java_pid" GC.heap_info | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}'
}
sleep 5
echo "heap used after start (after full GC): $(heap)"

# Each session is a headless Chromium logged in as the demo owner, looking at the inbox.
bench_build > /dev/null
mkfifo "$work/hold"
java -cp "$bench_cp" dev.switchboard.bench.OpenSessions \
  "http://127.0.0.1:$port/" "$sessions" owner@switchboard.local bench-owner-password \
  < "$work/hold" > "$work/sessions.out" 2>&1 &
driver=$!
exec 3> "$work/hold"
until grep -q "open sessions" "$work/sessions.out"; do
  kill -0 "$driver" 2>/dev/null || { cat "$work/sessions.out"; exit 1; }
  sleep 1
done
grep "open sessions" "$work/sessions.out"
echo "heap used with $sessions logged-in sessions (after full GC): $(heap)"
echo >&3
exec 3>&-
wait "$driver"
