#!/usr/bin/env bash
# Installs what is missing, starts the local backends, seeds every demo tenant and runs the dashboard
# at http://127.0.0.1:5080. Ctrl-C stops the app; `scripts/stack.sh down` stops the backends.
# Usage: scripts/run.sh [--no-build]   (--no-build: run the existing Release build, as scripts/test.sh leaves it)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

build=1
case "${1:-}" in
  "") ;;
  --no-build) build="" ;;
  *) die "usage: scripts/run.sh [--no-build]" ;;
esac

"$REPO_ROOT/scripts/stack.sh" up
if [ -n "$build" ]; then
  say "building the dashboard"
  dotnet build src/Dashboard -c Release -v quiet -nologo
fi
say "dashboard on http://127.0.0.1:5080 (demo data loads in the background on first start; Ctrl-C stops it)"
exec dotnet run --project src/Dashboard -c Release --no-build --no-launch-profile -- \
  --urls http://127.0.0.1:5080 --environment Development --contentRoot "$REPO_ROOT"
