#!/usr/bin/env bash
# Several dashboard instances behind a load balancer, on the local backends:
#   scripts/cluster.sh up [--no-build] | down | status | kill N | start N
# up starts the backends (scripts/stack.sh up), then each part of scripts/cluster.d/ in name order: the instances
# (http://127.0.0.1:5081 and :5082, one app store in MariaDB), nginx (https://127.0.0.1:5443, http 5088 redirecting)
# and Prometheus (http://127.0.0.1:9090, scraping both). down stops them in reverse order, then the backends.
# kill N ends instance N at once (SIGKILL, as a crash would); start N starts it again.
# Each part defines <name>_up, <name>_down and <name>_status; config, pids, logs and data live under .stack/cluster.
# CLUSTER_APP_PORTS, CLUSTER_HTTPS_PORT, CLUSTER_HTTP_PORT and PROMETHEUS_PORT move the ports (the tests do).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
load_libs
source "$REPO_ROOT/scripts/lib/cluster-settings.sh"
# The backends' ports and credentials (the instances are pointed at them); stack.sh itself starts and stops them.
for f in "$REPO_ROOT"/scripts/stack.d/*.sh; do source "$f"; done

parts=()
for f in "$REPO_ROOT"/scripts/cluster.d/*.sh; do
  source "$f"
  parts+=("$(basename "$f" .sh)")
done

cmd=${1:-status}
case "$cmd" in
  up)
    case "${2:-}" in
      "") build=1 ;;
      --no-build) build="" ;;
      *) die "usage: scripts/cluster.sh up [--no-build]" ;;
    esac
    "$REPO_ROOT/scripts/stack.sh" up
    cluster_secrets
    if [ -n "$build" ]; then
      say "building the dashboard"
      dotnet build "$REPO_ROOT/src/Dashboard" -c Release -v quiet -nologo
    fi
    for p in "${parts[@]}"; do "${p}_up"; done
    say "cluster: https://127.0.0.1:$CLUSTER_HTTPS_PORT (self-signed certificate: $CLUSTER_TLS_CERT)"
    ;;
  down)
    for ((i = ${#parts[@]} - 1; i >= 0; i--)); do "${parts[i]}_down" || true; done
    "$REPO_ROOT/scripts/stack.sh" down
    ;;
  status)
    "$REPO_ROOT/scripts/stack.sh" status
    for p in "${parts[@]}"; do "${p}_status" || true; done
    ;;
  kill) instance_kill "${2:?usage: scripts/cluster.sh kill N}" ;;
  start) instance_start_again "${2:?usage: scripts/cluster.sh start N}" ;;
  *) die "usage: scripts/cluster.sh up [--no-build] | down | status | kill N | start N" ;;
esac
