#!/usr/bin/env bash
# The PlanetScale benchmark on MariaDB 10.11: installs mariadb-server if missing, then prints figures.
# Arguments go to the benchmark, e.g. run.sh --sizes 1000,10000 --runs 50. It starts its own server.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
source "$REPO_ROOT/scripts/lib/ensure-mariadb.sh"
ensure_mariadb
cd "$REPO_ROOT"
dotnet_run tests/Dashboard.PlanetScale.Bench "$@"
