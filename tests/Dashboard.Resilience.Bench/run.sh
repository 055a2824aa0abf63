#!/usr/bin/env bash
# Recovery after a backend is killed (kill -9) under load and started again on the same port, for FaunaLocal
# and MariaDB (installed if missing). Arguments go to the benchmark, e.g. run.sh --rounds 5 --backends fauna.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
source "$REPO_ROOT/scripts/lib/ensure-mariadb.sh"
ensure_mariadb
cd "$REPO_ROOT"
[ -n "${BENCH_NO_BUILD:-}" ] || dotnet build src/FaunaLocal -c Release --nologo -v quiet -clp:ErrorsOnly >&2
dotnet_run tests/Dashboard.Resilience.Bench --fauna-dll "$REPO_ROOT/src/FaunaLocal/bin/Release/net10.0/FaunaLocal.dll" "$@"
