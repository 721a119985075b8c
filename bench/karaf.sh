# Shared by the bench scripts that run a real distribution on PostgreSQL (sourced after bench/lib.sh, from the
# repository root). One distribution per script run, in globals:
#   karaf_on_postgres   creates a fresh database sb_bench_<name>_<random> (127.0.0.1:5432, user postgres), unpacks
#                       karaf-distribution/target/switchboard-*.tar.gz into a temporary folder and configures it:
#                       free HTTP and SSH ports, the store on that database, public.url on the HTTP port, the
#                       first-run owner's password, a shell user for bin/client. Sets db, jdbc, work, home, port,
#                       ssh, version.
#   karaf_start         bin/karaf server, with -Xmx$KARAF_HEAP when set (Karaf 4.4's bin/karaf reads EXTRA_JAVA_OPTS,
#                       not JAVA_MAX_MEM; without a setting the JVM takes a quarter of the machine's memory); waits
#                       for the console's 200; sets karaf_pid (the script) and java_pid (its Java child).
#   karaf_shell CMDS    runs Karaf shell commands through bin/client.
#   karaf_first_project sets project and owner (the first-run project and its owner).
#   karaf_test_channel  adds the integration tests' features repository, installs switchboard-itest-channel and waits
#                       for it; sets project and owner (karaf_first_project).
#   karaf_connect NAME  creates a test channel connection; sets connection, hook (its webhook URL) and secret.
#   karaf_stop          bin/stop, then makes sure both processes are gone (by their ids).
#   karaf_cleanup       karaf_stop, keeps Karaf's log in bench/target/<name>-karaf.log, drops the database, removes
#                       the folder: install it with `trap karaf_cleanup EXIT`.
# Karaf resolves the test channel's features from ~/.m2: build with `mvn -DskipTests install` first.

OWNER_EMAIL=owner@switchboard.local
OWNER_PASSWORD=bench-owner-password
karaf_pid=
java_pid=

psql_admin() {
  psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt -c "$1"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

karaf_on_postgres() {
  karaf_name=$1
  local tar
  tar=$(ls karaf-distribution/target/switchboard-*.tar.gz | head -1)
  version=$(basename "$tar" .tar.gz)
  version=${version#switchboard-distribution-}
  db=sb_bench_${karaf_name}_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
  jdbc="jdbc:postgresql://127.0.0.1:5432/$db"
  work=$(mktemp -d "/tmp/sb-bench-$karaf_name.XXXXXX")
  home="$work/karaf"
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
  printf 'firstRun.ownerPassword = %s\n' "$OWNER_PASSWORD" > "$home/etc/dev.switchboard.team.cfg"
  # The distribution's shutdown command is generated once at build time, so every copy of one build shares it: a
  # bin/stop of another copy that finds this copy's port (a stale data/port) would stop this one. A command of its
  # own per copy.
  sed -i "s/^karaf.shutdown.command *=.*/karaf.shutdown.command = $(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')/" \
    "$home/etc/config.properties"
  # a local admin for bin/client; the distribution ships without any shell user
  printf 'bench = bench,_g_:admingroup\n_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n' \
    > "$home/etc/users.properties"
}

karaf_start() {
  local start
  start=$(date +%s)
  if [ -n "${KARAF_HEAP:-}" ]; then export EXTRA_JAVA_OPTS="${EXTRA_JAVA_OPTS:-} -Xmx$KARAF_HEAP"; fi
  (cd "$home" && exec bin/karaf server > "$home/console.out" 2>&1) &
  karaf_pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" = 200 ]; do
    kill -0 "$karaf_pid" 2>/dev/null || { echo "Karaf exited:"; cat "$home/console.out"; return 1; }
    [ $(( $(date +%s) - start )) -gt 180 ] && { echo "Karaf did not answer within 180 s"; return 1; }
    sleep 0.5
  done
  java_pid=$(pgrep -P "$karaf_pid" java | head -1)
  echo "Karaf up on port $port in $(( $(date +%s) - start )) s (Java pid $java_pid, heap" \
    "$(jcmd "$java_pid" VM.flags 2>/dev/null | grep -o ' -XX:MaxHeapSize=[0-9]*' | head -1 \
      | awk -F= '{printf "max %d MiB", $2/1048576}'))"
}

karaf_shell() {
  printf '%s\n' "$1" | "$home/bin/client" -a "$ssh" -h 127.0.0.1 -u bench -p bench -r 10 -d 2 -b 2>&1
}

karaf_test_channel() {
  local start
  start=$(date +%s)
  karaf_shell "feature:repo-add mvn:dev.switchboard/switchboard-itest-features/$version/xml/features" > /dev/null
  karaf_shell "feature:install switchboard-itest-channel" > /dev/null
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/test-channel/connections")" = 200 ]; do
    [ $(( $(date +%s) - start )) -gt 120 ] && { echo "the test channel did not come up"; return 1; }
    sleep 0.5
  done
  karaf_first_project
}

karaf_first_project() {
  project=$(karaf_shell "switchboard:project-list" | grep -oE '^\s*[0-9]+\s*\|' | grep -oE '[0-9]+' | head -1)
  owner=$(karaf_shell "switchboard:member-list $project" | grep -E "$OWNER_EMAIL" | grep -oE '^\s*[0-9]+' \
    | tr -d ' ' | head -1)
}

karaf_connect() {
  local created
  created=$(karaf_shell "switchboard:connection-create $project $owner test $1")
  connection=$(printf '%s\n' "$created" | grep -oE 'Created connection [0-9]+' | grep -oE '[0-9]+$')
  hook=$(printf '%s\n' "$created" | grep -oE 'webhook: \S+' | head -1 | cut -d' ' -f2)
  [ -n "$connection" ] && [ -n "$hook" ] || { echo "connection-create said: $created"; return 1; }
  secret=$(curl -sf "http://127.0.0.1:$port/test-channel/secret?connection=$connection")
  echo "connection $connection of project $project: $hook"
}

# bin/karaf runs Java as its child: ask Karaf to stop as an operator does, then make sure both are gone.
karaf_stop() {
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

karaf_cleanup() {
  set +e
  karaf_stop
  if [ -n "${home:-}" ] && [ -f "$home/data/log/karaf.log" ]; then
    mkdir -p bench/target && cp "$home/data/log/karaf.log" "bench/target/$karaf_name-karaf.log"
  fi
  if [ -n "${db:-}" ]; then
    psql_admin "select pg_terminate_backend(pid) from pg_stat_activity where datname = '$db'" > /dev/null
    psql_admin "drop database if exists $db" && echo "dropped database $db"
  fi
  [ -n "${work:-}" ] && rm -rf "$work"
}
