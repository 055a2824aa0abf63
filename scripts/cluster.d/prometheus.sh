# Prometheus (Debian's package) on 127.0.0.1:9090, scraping every instance's /metrics every 5 s with the scrape
# token; each target is labelled with the instance's name. The ops pages query it (Metrics:Source=Prometheus).
# Run as our own process with its config, data (2 days kept) and log under .stack/cluster/prometheus.
PROMETHEUS_DIR="$CLUSTER_DIR/prometheus"

prometheus_bin() { command -v prometheus 2>/dev/null || echo /usr/bin/prometheus; }

prometheus_config() {
  local n targets=""
  for ((n = 1; n <= ${#CLUSTER_APP_PORTS[@]}; n++)); do
    targets+="      - targets: ['127.0.0.1:${CLUSTER_APP_PORTS[$((n - 1))]}']"$'\n'
    targets+="        labels: { instance: '$(instance_name "$n")' }"$'\n'
  done
  cat <<CONF
# Written by scripts/cluster.d/prometheus.sh at every start; edits here are lost.
global:
  scrape_interval: 5s
  evaluation_interval: 5s
scrape_configs:
  - job_name: dashboard
    metrics_path: /metrics
    authorization:
      type: Bearer
      credentials_file: $CLUSTER_SCRAPE_TOKEN_FILE
    static_configs:
$targets
CONF
}

prometheus_up() {
  if port_open "$PROMETHEUS_PORT"; then
    pidfile_alive "$PROMETHEUS_DIR/pid" >/dev/null && { say "Prometheus: already running on $PROMETHEUS_PORT"; return 0; }
    die "something else listens on $PROMETHEUS_PORT: stop it before starting the cluster"
  fi
  mkdir -p "$PROMETHEUS_DIR/data"
  prometheus_config >"$PROMETHEUS_DIR/prometheus.yml"
  setsid "$(prometheus_bin)" --config.file="$PROMETHEUS_DIR/prometheus.yml" --storage.tsdb.path="$PROMETHEUS_DIR/data" \
    --storage.tsdb.retention.time=2d --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" \
    >"$PROMETHEUS_DIR/prometheus.log" 2>&1 </dev/null &
  echo $! >"$PROMETHEUS_DIR/pid"
  for _ in $(seq 300); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" 2>/dev/null && break
    pidfile_alive "$PROMETHEUS_DIR/pid" >/dev/null || die "Prometheus stopped while starting; see $PROMETHEUS_DIR/prometheus.log"
    sleep 0.1
  done
  curl -fsS -o /dev/null "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" || die "Prometheus was not ready within 30 s; see $PROMETHEUS_DIR/prometheus.log"
  say "Prometheus: http://127.0.0.1:$PROMETHEUS_PORT, scraping ${CLUSTER_APP_PORTS[*]} every 5 s"
}

prometheus_down() { stop_pidfile "$PROMETHEUS_DIR/pid" "Prometheus" 10; }

prometheus_status() {
  local pid
  if pid=$(pidfile_alive "$PROMETHEUS_DIR/pid") && port_open "$PROMETHEUS_PORT"; then
    echo "prometheus  up    http://127.0.0.1:$PROMETHEUS_PORT (pid $pid)"
  else
    echo "prometheus  down"
  fi
}
