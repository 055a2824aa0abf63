#!/usr/bin/env bash
# Tenants at scale: starts the built dashboard with N generated SQLite sandbox tenants (no demo data), for each N,
# and measures it with headless Chromium. Arguments go to the benchmark, e.g. run.sh --tenants 100,1000 --runs 3.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
source "$REPO_ROOT/scripts/lib/ensure-chromium.sh"
ensure_chromium
cd "$REPO_ROOT"
[ -n "${BENCH_NO_BUILD:-}" ] || dotnet build src/Dashboard -c Release --nologo -v quiet -clp:ErrorsOnly >&2
dotnet_run tests/Dashboard.Tenants.Bench \
  --app-dll "$REPO_ROOT/src/Dashboard/bin/Release/net10.0/Dashboard.dll" --repo-root "$REPO_ROOT" "$@"
