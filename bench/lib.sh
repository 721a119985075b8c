# Shared by the bench scripts (sourced, run from the repository root).
#
# bench_build: Maven compiles the bench and writes its classpath (dependency:build-classpath); plain `java -cp` runs
# it afterwards, so no exec plugin is needed, online or offline (MAVEN_ARGS=-o). BENCH_SKIP_BUILD=1 uses the classes
# and classpath of the last build without Maven. Sets bench_cp.
#
# wait_quiet [minutes]: with BENCH_QUIET=<load> (e.g. 1.5), waits until the 1-minute load average is below it,
# polling every 30 s for at most the given minutes (default BENCH_QUIET_MINUTES, else 40); then runs anyway and says
# so. Without BENCH_QUIET it returns at once. The machine is shared: the load at the start of each measurement is
# printed with its figures.

bench_build() {
  local classpath_file="$PWD/bench/target/bench.classpath"
  if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
    # word splitting of MAVEN_ARGS is intended
    # shellcheck disable=SC2086
    mvn -B -q ${MAVEN_ARGS:-} -f bench/pom.xml compile dependency:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$classpath_file" >&2
  elif [ ! -f "$classpath_file" ]; then
    echo "BENCH_SKIP_BUILD=1 needs an earlier build: run once without it" >&2
    return 2
  fi
  bench_cp="bench/target/classes:$(cat "$classpath_file")"
}

load1() {
  cut -d' ' -f1 /proc/loadavg
}

wait_quiet() {
  local limit=${BENCH_QUIET:-}
  [ -z "$limit" ] && return 0
  local minutes=${1:-${BENCH_QUIET_MINUTES:-40}}
  local deadline=$(( $(date +%s) + minutes * 60 ))
  while awk -v l="$(load1)" -v m="$limit" 'BEGIN { exit !(l >= m) }'; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "machine not quiet after $minutes min (load $(load1)): measuring anyway" >&2
      return 0
    fi
    echo "waiting for a quiet machine: 1-minute load $(load1), waiting for < $limit ($(date -u +%H:%M:%S) UTC)" >&2
    sleep 30
  done
  echo "machine quiet enough: 1-minute load $(load1) < $limit ($(date -u +%H:%M:%S) UTC)" >&2
}
