#!/usr/bin/env bash
# Every benchmark, each printing its figures (they are measurements, not tests: nothing here fails a build).
# Usage: scripts/bench.sh [dynamodb|planetscale|fauna|metering|recovery|orders|circuits|live|tenants|alerts|migrate]...   (default: all of them)
# BENCH_QUICK=1 scripts/bench.sh ...: a smoke run on the existing Release build (no rebuild) with tiny tables and
# short figures, to check each benchmark still runs and prints its figures (the command-line tests use it); its
# figures mean nothing.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
load_libs
cd "$REPO_ROOT"
ensure_all

quick=${BENCH_QUICK:+1}
point_seconds=3
if [ -n "$quick" ]; then
  export BENCH_NO_BUILD=1   # the benchmarks' own run scripts read it too
  # DynamoDB Local (a JVM, started by several benchmarks) spends a short run mostly compiling itself: its quick
  # compiler only, and one GC thread, start and warm it in about half the time. Only the smoke run's figures move.
  export JDK_JAVA_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC${JDK_JAVA_OPTIONS:+ $JDK_JAVA_OPTIONS}"
  point_seconds=0.5
fi

run_bench() {
  case "$1" in
    dynamodb)    bash tests/Dashboard.DynamoDb.Bench/run.sh ${quick:+--sizes 200,400 --runs 3 --admin-timeout 30} ;;
    planetscale) bash tests/Dashboard.PlanetScale.Bench/run.sh ${quick:+--sizes 200,400 --runs 3} ;;
    fauna)       bash tests/Dashboard.DynamoDb.Bench/point-vs-fauna.sh --seconds "$point_seconds" ${quick:+--clients 2 --warmup 0.5}
                 say "FaunaLocal event streams"
                 dotnet_run src/FaunaLocal bench streams ${quick:+--seconds 0.5 --subscribers 1,10 --idle 200} ;;
    metering)    dotnet_run tests/Dashboard.Metering.Bench ;;
    recovery)    bash tests/Dashboard.Resilience.Bench/run.sh ${quick:+--rounds 1 --down-seconds 1} ;;
    orders)      bash tests/Dashboard.Orders.Bench/run.sh ${quick:+--sizes 200,400 --runs 3} ;;
    circuits)    bash tests/Dashboard.Circuits.Bench/run.sh ${quick:+--circuits 3 --seconds 2 --think 0.5} ${quick:---settle 70}
                 BENCH_NO_BUILD=1 bash tests/Dashboard.Circuits.Bench/run.sh --client signalr ${quick:+--circuits 3 --seconds 2 --think 0.5} ${quick:---settle 70} ;;
    live)        bash tests/Dashboard.Live.Bench/run.sh ${quick:+--changes 3 --outside 1 --idle 1 --pages 1,10} ;;
    tenants)     bash tests/Dashboard.Tenants.Bench/run.sh ${quick:+--tenants 100 --runs 1 --healthz 20 --active 100 --no-warmup} ;;
    alerts)      dotnet_run tests/Dashboard.Alerts.Bench ${quick:+--minutes 16 --rounds 3 --every 10} ;;
    migrate)     bash tests/Dashboard.Migrations.Bench/run.sh ${quick:+--orders 40} ;;
  esac
}

all=(dynamodb planetscale fauna metering recovery orders circuits live tenants alerts migrate)

benches=("$@")
[ ${#benches[@]} -eq 0 ] && benches=("${all[@]}")
for b in "${benches[@]}"; do
  [[ " ${all[*]} " == *" $b "* ]] || die "unknown benchmark '$b' ($(IFS=,; echo "${all[*]}" | sed 's/,/, /g'))"
done
took=()
if [ -n "$quick" ] && [ ${#benches[@]} -gt 1 ]; then
  # The smoke run's figures mean nothing, so its benchmarks run two at a time (each starts its own servers on free
  # ports and waits on them much of the time), each printed whole, in order, once all are done. A measured run
  # goes one benchmark after another: its figures need the cores to themselves.
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  # Longest first (their smoke runs' usual order), so the two lanes end close together.
  longest_first=(migrate live tenants circuits dynamodb fauna orders recovery planetscale alerts metering)
  order=()
  for b in "${longest_first[@]}"; do for i in "${!benches[@]}"; do [ "${benches[$i]}" = "$b" ] && order+=("$i"); done; done
  running=0
  for i in "${order[@]}"; do
    if [ "$running" -ge 2 ]; then wait -n || true; running=$((running - 1)); fi
    # The benchmark runs as a job of its own, outside any `||`, so that `set -e` still stops it at its first failure.
    ( start=$SECONDS
      ( say "benchmark: ${benches[$i]}"; run_bench "${benches[$i]}" ) >"$out/$i.log" 2>&1 &
      rc=0; wait $! || rc=$?
      echo "$rc $((SECONDS - start))" >"$out/$i.rc" ) &
    running=$((running + 1))
  done
  wait
  failed=0
  for i in "${!benches[@]}"; do
    cat "$out/$i.log"
    read -r rc secs <"$out/$i.rc"
    took+=("${benches[$i]} $secs s$([ "$rc" = 0 ] || echo " FAILED (exit $rc)")")
    [ "$rc" = 0 ] || failed=1
  done
  say "benchmarks' wall time (two at a time)"
  printf '  %s\n' "${took[@]}"
  exit $failed
fi
for b in "${benches[@]}"; do
  say "benchmark: $b"
  start=$SECONDS
  run_bench "$b"
  took+=("$b $((SECONDS - start)) s")
done
say "benchmarks' wall time"
printf '  %s\n' "${took[@]}"
