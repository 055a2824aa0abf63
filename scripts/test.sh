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
run_suite() { # run_suite NAME COMMAND...
  local name=$1; shift
  say "running $name"
  local log; log=$(mktemp)
  local start=$SECONDS
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line; line=$(grep -E '^(Passed!|Failed!)|^ℹ (tests|pass|fail) ' "$log" | tr '\n' ' ')
  summary+=("$(printf '%-28s %-6s %4ss  %s' "$name" "$([ "$rc" = 0 ] && echo ok || echo FAILED)" "$((SECONDS - start))" "$line")")
  [ "$rc" = 0 ] || failed=1
  rm -f "$log"
}

for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  # Benchmarks are run by scripts/bench.sh, not as tests; Dashboard.Testing is the suites' shared library.
  case "$name" in *Bench*|Dashboard.Testing) continue ;; esac
  run_suite "$name" dotnet test "$project" -c Release --no-build --nologo
done
for script in tests/*/run-tests.sh; do
  [ -e "$script" ] || continue
  run_suite "$(basename "$(dirname "$script")")" bash "$script"
done

say "summary"
printf '%s\n' "${summary[@]}"
exit $failed
