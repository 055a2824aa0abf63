# Prometheus from Debian: scrapes every dashboard instance (scripts/cluster.sh) and answers the ops pages'
# PromQL when Metrics:Source=Prometheus. Only the binary is used, with a config and data of our own under
# .stack/; the system service is never started.
ensure_prometheus() {
  if command -v prometheus >/dev/null || [ -x /usr/bin/prometheus ]; then return 0; fi
  apt_install prometheus
}
ENSURE+=(ensure_prometheus)
