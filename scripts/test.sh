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

results=artifacts/test-results
rm -rf "$results"
# Each suite's summary line and failure are appended to files, so suites running in the background record theirs too.
summary_file=$(mktemp)
failures_file=$(mktemp)
trap 'rm -f "$summary_file" "$failures_file"' EXIT
# record_suite NAME EXIT_CODE SECONDS LOG: the suite's line in the summary, from its runner's own summary.
record_suite() {
  local name=$1 rc=$2 secs=$3 log=$4
  local line; line=$(grep -E '^(Passed!|Failed!)|^ℹ (tests|pass|fail) ' "$log" | tr '\n' ' ')
  # A runner that printed no summary ran nothing (a filter that matches no test exits 0).
  [ -n "$line" ] || { rc=1; line="no summary: no test ran"; }
  printf '%-44s %-6s %4ss  %s\n' "$name" "$([ "$rc" = 0 ] && echo ok || echo FAILED)" "$secs" "$line" >>"$summary_file"
  [ "$rc" = 0 ] || echo "$name" >>"$failures_file"
}

run_suite() { # run_suite NAME COMMAND...
  local name=$1; shift
  say "running $name"
  local log; log=$(mktemp)
  local start=$SECONDS
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  record_suite "$name" "$rc" "$((SECONDS - start))" "$log"
  rm -f "$log"
}

test_command() { # test_command PROJECT: sets `command` to the project's dotnet test command line, with its TRX file
  command=(dotnet test "$1" -c Release --no-build --nologo --logger "trx;LogFileName=$(basename "$1" .csproj).trx" --results-directory "$results")
}

run_project() { # run_project PROJECT: its suite, or for the provider tests the README's filtered command and then the rest
  local project=$1 name; name=$(basename "$1" .csproj)
  if [ "$name" = Dashboard.Providers.Tests ]; then
    # The README's filtered command, run as written, then every other test of the suite: each test runs once.
    run_suite "$name Backend=DynamoDb" dotnet test "$project" -c Release --no-build --nologo --filter Backend=DynamoDb \
      --logger "trx;LogFileName=$name.DynamoDb.trx" --results-directory "$results"
    test_command "$project"
    run_suite "$name the rest" "${command[@]}" --filter 'Backend!=DynamoDb'
    return
  fi
  test_command "$project"
  run_suite "$name" "${command[@]}"
}

# The cluster suite (Prometheus scrapes, instances restarting, one browser at a time) mostly waits: the unit tests run
# beside it, their output printed after its. The browser suite is latency-bound (a page and the app use about two
# thirds of a core) and the longest: it runs in the background from the command-line suite on, beside every suite
# after the first pair (whose timing tests keep the cores they were written for), and its output is printed whole at
# the end. These start their own servers on free ports, so they never meet the command-line suite's fixed ports.
background=Dashboard.E2E
background_from=Dashboard.Commands.Tests
declare -A beside=([Dashboard.Cluster.E2E]=Dashboard.Tests)
declare -A ran_beside=([$background]=1)
background_log=$(mktemp)
background_pid=

for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  # Benchmarks are run by scripts/bench.sh, not as tests; Dashboard.Testing is the suites' shared library.
  case "$name" in *Bench*|Dashboard.Testing) continue ;; esac
  if [ "$name" = "$background_from" ]; then
    say "running $background in the background (its output follows every other suite's)"
    run_project "tests/$background/$background.csproj" >"$background_log" 2>&1 &
    background_pid=$!
  fi
  [ -z "${ran_beside[$name]:-}" ] || continue
  other=${beside[$name]:-}
  if [ -z "$other" ]; then
    run_project "$project"
    continue
  fi
  ran_beside[$other]=1
  say "running $other beside $name (its output follows $name's)"
  other_log=$(mktemp)
  run_project "tests/$other/$other.csproj" >"$other_log" 2>&1 &
  other_pid=$!
  run_project "$project"
  wait "$other_pid"
  say "$other (ran beside $name)"
  cat "$other_log"
  rm -f "$other_log"
done
for script in tests/*/run-tests.sh; do
  [ -e "$script" ] || continue
  run_suite "$(basename "$(dirname "$script")")" bash "$script"
done

say "waiting for $background (it ran in the background)"
[ -n "$background_pid" ] && wait "$background_pid"
say "$background (ran in the background)"
cat "$background_log"
rm -f "$background_log"

say "slowest tests"
# Each result's duration and name from the runners' TRX files: where the suite's minutes go.
cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*' \
  | sed -nE 's/.*testName="([^"]*)".*duration="([0-9]+):([0-9]+):([0-9.]+)".*/\2 \3 \4 \1/p' \
  | awk '{ s = $1 * 3600 + $2 * 60 + $3; $1 = $2 = $3 = ""; sub(/^ +/, ""); printf "%7.1fs  %s\n", s, $0 }' \
  | sort -rn | head -15
say "summary"
cat "$summary_file"
[ ! -s "$failures_file" ]
