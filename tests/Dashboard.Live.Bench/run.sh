#!/usr/bin/env bash
# The live-pages benchmark on every backend (SQLite, MariaDB, DynamoDB Local, FaunaLocal): installs what is missing,
# then prints figures. Arguments go to the benchmark, e.g. run.sh --changes 40 --idle 30 --backends sqlite,fauna.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
source "$REPO_ROOT/scripts/lib/ensure-mariadb.sh"
source "$REPO_ROOT/scripts/lib/ensure-dynamodb-local.sh"
ensure_mariadb
ensure_dynamodb_local
cd "$REPO_ROOT"
dotnet_run tests/Dashboard.Live.Bench "$@"
