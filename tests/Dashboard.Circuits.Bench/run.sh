#!/usr/bin/env bash
# Circuits per instance: starts the built dashboard on a free port (sandbox tenant only, its own data folder), then
# N agents in headless Chromium. Arguments go to the benchmark, e.g. run.sh --circuits 50,100 --seconds 30.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
source "$REPO_ROOT/scripts/lib/ensure-chromium.sh"
ensure_chromium
cd "$REPO_ROOT"
[ -n "${BENCH_NO_BUILD:-}" ] || dotnet build src/Dashboard -c Release --nologo -v quiet -clp:ErrorsOnly >&2
dotnet_run tests/Dashboard.Circuits.Bench \
  --app-dll "$REPO_ROOT/src/Dashboard/bin/Release/net10.0/Dashboard.dll" --content-root "$REPO_ROOT" "$@"
