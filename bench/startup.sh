#!/usr/bin/env bash
# Measures the distribution as an operator gets it: size, cold start to the first console 200, heap after
# start, and heap with N open console sessions (each a headless Chromium that loads the console page, so Vaadin
# creates a session and a UI). Build first: mvn -DskipTests install. Usage: bench/startup.sh [sessions]
set -euo pipefail
cd "$(dirname "$0")/.."
sessions=${1:-20}
tar=$(ls karaf-distribution/target/switchboard-*.tar.gz)
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

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

for i in $(seq 1 "$sessions"); do
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$work/chromium-$i" --virtual-time-budget=8000 \
    --dump-dom "http://127.0.0.1:$port/" > "$work/page-$i.html" 2>/dev/null
done
grep -l 'login-email' "$work"/page-*.html | wc -l | xargs echo "sessions whose login view rendered:"
echo "heap used with $sessions open sessions (after full GC): $(heap)"
