#!/usr/bin/env bash
# Every benchmark, each printing its figures (they are measurements, not tests: nothing here fails a build).
# Usage: scripts/bench.sh [dynamodb|planetscale|fauna|metering|recovery]...   (default: all of them)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
load_libs
cd "$REPO_ROOT"
ensure_all

run_bench() {
  case "$1" in
    dynamodb)    bash tests/Dashboard.DynamoDb.Bench/run.sh ;;
    planetscale) bash tests/Dashboard.PlanetScale.Bench/run.sh ;;
    fauna)       bash tests/Dashboard.DynamoDb.Bench/point-vs-fauna.sh --seconds 3 ;;
    metering)    dotnet run -c Release --project tests/Dashboard.Metering.Bench ;;
    recovery)    bash tests/Dashboard.Resilience.Bench/run.sh ;;
    *) die "unknown benchmark '$1' (dynamodb, planetscale, fauna, metering, recovery)" ;;
  esac
}

benches=("$@")
[ ${#benches[@]} -eq 0 ] && benches=(dynamodb planetscale fauna metering recovery)
for b in "${benches[@]}"; do say "benchmark: $b"; run_bench "$b"; done
