# nginx from Debian: the load balancer in front of the dashboard's instances (scripts/cluster.sh). Only the
# binary is used, with a config, pid and logs of our own under .stack/; the system service is never started.
ensure_nginx() {
  if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then return 0; fi
  apt_install nginx
}
ENSURE+=(ensure_nginx)
