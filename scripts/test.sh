#!/usr/bin/env bash
# Installs what is missing (apt, npm, NuGet), builds everything and runs every test suite, printing each
# runner's summary. Exits non-zero if any suite fails.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
load_libs
cd "$REPO_ROOT"
set -e
ensure_all
say "building (Release)"
dotnet build Dashboard.sln -c Release -nologo -v quiet -clp:ErrorsOnly
set +e

summary=()
failed=0
results=artifacts/test-results
rm -rf "$results"
run_suite() { # run_suite NAME COMMAND...
  local name=$1; shift
  say "running $name"
  local log; log=$(mktemp)
  local start=$SECONDS
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line; line=$(grep -E '^(Passed!|Failed!)|^ℹ (tests|pass|fail) ' "$log" | tr '\n' ' ')
  # A runner that printed no summary ran nothing (a filter that matches no test exits 0).
  [ -n "$line" ] || { rc=1; line="no summary: no test ran"; }
  summary+=("$(printf '%-44s %-6s %4ss  %s' "$name" "$([ "$rc" = 0 ] && echo ok || echo FAILED)" "$((SECONDS - start))" "$line")")
  [ "$rc" = 0 ] || failed=1
  rm -f "$log"
}

for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  # Benchmarks are run by scripts/bench.sh, not as tests; Dashboard.Testing is the suites' shared library.
  case "$name" in *Bench*|Dashboard.Testing) continue ;; esac
  trx=(--logger "trx;LogFileName=$name.trx" --results-directory "$results")
  if [ "$name" = Dashboard.Providers.Tests ]; then
    # The README's filtered command, run as written, then every other test of the suite: each test runs once.
    run_suite "$name Backend=DynamoDb" dotnet test "$project" -c Release --no-build --nologo --filter Backend=DynamoDb \
      --logger "trx;LogFileName=$name.DynamoDb.trx" --results-directory "$results"
    run_suite "$name the rest" dotnet test "$project" -c Release --no-build --nologo --filter 'Backend!=DynamoDb' "${trx[@]}"
    continue
  fi
  run_suite "$name" dotnet test "$project" -c Release --no-build --nologo "${trx[@]}"
done
for script in tests/*/run-tests.sh; do
  [ -e "$script" ] || continue
  run_suite "$(basename "$(dirname "$script")")" bash "$script"
done

say "slowest tests"
# Each result's duration and name from the runners' TRX files: where the suite's minutes go.
cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*' \
  | sed -nE 's/.*testName="([^"]*)".*duration="([0-9]+):([0-9]+):([0-9.]+)".*/\2 \3 \4 \1/p' \
  | awk '{ s = $1 * 3600 + $2 * 60 + $3; $1 = $2 = $3 = ""; sub(/^ +/, ""); printf "%7.1fs  %s\n", s, $0 }' \
  | sort -rn | head -15
say "summary"
printf '%s\n' "${summary[@]}"
exit $failed
