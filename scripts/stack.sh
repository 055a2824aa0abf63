#!/usr/bin/env bash
# The local backends: stack.sh up | down | status. Each backend lives in scripts/stack.d/<name>.sh and
# defines <name>_up, <name>_down and <name>_status. Data stays under .stack/ (git-ignored).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
load_libs

backends=()
for f in "$REPO_ROOT"/scripts/stack.d/*.sh; do
  [ -e "$f" ] || continue
  source "$f"
  backends+=("$(basename "$f" .sh)")
done

cmd=${1:-status}
case "$cmd" in
  up)
    ensure_all
    mkdir -p "$STACK_DIR"
    for b in "${backends[@]}"; do "${b}_up"; done
    ;;
  down)
    for b in "${backends[@]}"; do "${b}_down" || true; done
    ;;
  status)
    [ ${#backends[@]} -eq 0 ] && echo "no server backends configured (the sandbox is embedded)"
    for b in "${backends[@]}"; do "${b}_status" || true; done
    ;;
  *) die "usage: scripts/stack.sh up|down|status" ;;
esac
