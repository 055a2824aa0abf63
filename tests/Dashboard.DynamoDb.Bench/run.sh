#!/usr/bin/env bash
# The DynamoDB benchmark: installs DynamoDB Local and dynamodb-admin (npm) if missing, then prints figures.
# Arguments go to the benchmark, e.g. run.sh --sizes 1000,10000 --runs 20. It starts its own DynamoDB Local.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
source "$REPO_ROOT/scripts/lib/ensure-dynamodb-local.sh"
ensure_dynamodb_local
if [ ! -f "$TOOLS_DIR/dynamodb-admin/node_modules/dynamodb-admin/dist/dynamodb-admin.js" ]; then
  say "installing dynamodb-admin 5.3.3 (npm) into .tools/dynamodb-admin"
  mkdir -p "$TOOLS_DIR/dynamodb-admin"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR/dynamodb-admin" dynamodb-admin@5.3.3 >/dev/null
fi
cd "$REPO_ROOT"
dotnet_run tests/Dashboard.DynamoDb.Bench "$@"
