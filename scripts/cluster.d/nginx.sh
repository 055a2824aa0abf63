# nginx (Debian's package) in front of the instances: https on 127.0.0.1:5443 with the self-signed certificate, http
# on 5088 redirecting to it. Run as our own process with its config, pid, logs and temp files under .stack/cluster/nginx.
# Blazor Server needs: the WebSocket upgrade on /_blazor; sticky sessions, so that a circuit's requests and its
# reconnections stay on the instance that holds it (a hash of the app's affinity cookie; plain round-robin breaks
# circuits); and X-Forwarded-For/-Proto, which the instances believe from 127.0.0.1 only (cookies Secure, HSTS).
NGINX_DIR="$CLUSTER_DIR/nginx"
# The cookie the app sets on a browser's first response (Dashboard/Cluster/AffinityCookie.cs).
CLUSTER_AFFINITY_COOKIE=dashboard_affinity

nginx_bin() { command -v nginx 2>/dev/null || echo /usr/sbin/nginx; }

nginx_config() {
  local servers="" port user=""
  for port in "${CLUSTER_APP_PORTS[@]}"; do
    # One failed connection takes an instance out for 5 s; its requests go to the next instance meanwhile.
    servers+="        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
  done
  # Started by root, nginx would run its workers as nobody, who cannot read our folders: run them as us.
  [ "$(id -u)" = 0 ] && user="user root root;"
  cat <<CONF
# Written by scripts/cluster.d/nginx.sh at every start; edits here are lost.
$user
worker_processes 1;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 1024; }

http {
    log_format upstreamlog '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent upstream=\$upstream_addr '
                           'affinity=\$cookie_$CLUSTER_AFFINITY_COOKIE rt=\$request_time';
    access_log $NGINX_DIR/access.log upstreamlog;
    client_body_temp_path $NGINX_DIR/temp/body;
    proxy_temp_path $NGINX_DIR/temp/proxy;
    fastcgi_temp_path $NGINX_DIR/temp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/temp/uwsgi;
    scgi_temp_path $NGINX_DIR/temp/scgi;
    server_tokens off;

    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        ''      '';
    }

    # A browser's first request has no affinity cookie yet: any instance serves it (the request id spreads them).
    # From its answer on, the cookie keeps every request of that browser, the circuit's included, on one instance.
    map \$cookie_$CLUSTER_AFFINITY_COOKIE \$dashboard_affinity {
        ''      \$request_id;
        default \$cookie_$CLUSTER_AFFINITY_COOKIE;
    }

    upstream dashboard {
        hash \$dashboard_affinity consistent;
$servers        keepalive 16;
    }

    server {
        listen 127.0.0.1:$CLUSTER_HTTP_PORT;
        return 301 https://\$host:$CLUSTER_HTTPS_PORT\$request_uri;
    }

    server {
        listen 127.0.0.1:$CLUSTER_HTTPS_PORT ssl;
        ssl_certificate $CLUSTER_TLS_CERT;
        ssl_certificate_key $CLUSTER_TLS_KEY;
        ssl_protocols TLSv1.2 TLSv1.3;

        proxy_http_version 1.1;
        # A dead instance refuses the connection: the request goes to the next one (never a POST already sent).
        proxy_connect_timeout 2s;
        proxy_next_upstream error timeout;

        location / {
            # Set in each location: a location that sets any header inherits none from the server.
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header Connection "";
            proxy_pass http://dashboard;
        }

        # The circuit: a WebSocket held for as long as the tab is open (SignalR pings it every 15 s).
        location /_blazor {
            # Set in each location: a location that sets any header inherits none from the server.
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
            proxy_buffering off;
            # Negotiation is a POST: sent on a kept-alive connection to an instance that has just died, it must still
            # go on to the next one (it only asks for a connection id, so sending it twice does no harm).
            proxy_next_upstream error timeout non_idempotent;
            proxy_pass http://dashboard;
        }
    }
}
CONF
}

nginx_up() {
  if port_open "$CLUSTER_HTTPS_PORT"; then
    pidfile_alive "$NGINX_DIR/nginx.pid" >/dev/null && { say "nginx: already running on $CLUSTER_HTTPS_PORT"; return 0; }
    die "something else listens on $CLUSTER_HTTPS_PORT: stop it before starting the cluster"
  fi
  mkdir -p "$NGINX_DIR/temp"
  nginx_config >"$NGINX_DIR/nginx.conf"
  "$(nginx_bin)" -t -q -p "$NGINX_DIR" -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf" \
    || die "nginx refused its configuration ($NGINX_DIR/nginx.conf); see $NGINX_DIR/error.log"
  # nginx daemonizes itself and writes its pid file.
  "$(nginx_bin)" -p "$NGINX_DIR" -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf" </dev/null \
    || die "nginx did not start; see $NGINX_DIR/error.log"
  wait_for_port "$CLUSTER_HTTPS_PORT" 15 || die "nginx did not listen on $CLUSTER_HTTPS_PORT; see $NGINX_DIR/error.log"
  say "nginx: https://127.0.0.1:$CLUSTER_HTTPS_PORT (http://127.0.0.1:$CLUSTER_HTTP_PORT redirects) → ${CLUSTER_APP_PORTS[*]}"
}

nginx_down() { stop_pidfile "$NGINX_DIR/nginx.pid" "nginx" 10; }

nginx_status() {
  local pid
  if pid=$(pidfile_alive "$NGINX_DIR/nginx.pid") && port_open "$CLUSTER_HTTPS_PORT"; then
    echo "nginx       up    https://127.0.0.1:$CLUSTER_HTTPS_PORT, http://127.0.0.1:$CLUSTER_HTTP_PORT (pid $pid)"
  else
    echo "nginx       down"
  fi
}
