#!/usr/bin/env bash
# Migration throughput for every ordered pair of backends (SQLite, MariaDB, DynamoDB Local, FaunaLocal): installs
# what is missing, then prints rows/s per pair. Arguments go to the benchmark, e.g. run.sh --orders 100000, or
# run.sh --orders 100000 --pairs mariadb:dynamodb,fauna:sqlite for some pairs only (in that order).
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
source "$REPO_ROOT/scripts/lib/ensure-mariadb.sh"
source "$REPO_ROOT/scripts/lib/ensure-dynamodb-local.sh"
ensure_mariadb
ensure_dynamodb_local
cd "$REPO_ROOT"
dotnet_run tests/Dashboard.Migrations.Bench "$@"
