# The dashboard's instances: one process per port of CLUSTER_APP_PORTS (5081 5082), the Release build, named
# dashboard-1, dashboard-2, ... Every instance has the same configuration but its name: the app store in MariaDB
# (database `dashboard`: audit, key ring, sessions, lockout), the same key-ring certificate, nginx as the known
# proxy, the scrape token, and the ops pages reading Prometheus. Instance 1 alone prepares the tenants (schemas,
# demo data), so two instances never load the same demo data at once; it starts first.
DASHBOARD_DLL="$REPO_ROOT/src/Dashboard/bin/Release/net10.0/Dashboard.dll"

instance_dir() { echo "$CLUSTER_DIR/$(instance_name "$1")"; }

# instance_settings N : the instance's configuration, as environment variables (KEY=VALUE lines).
instance_settings() {
  local n=$1
  local mysql="Server=127.0.0.1;Port=$MARIADB_PORT;User ID=$MARIADB_APP_USER;Password=$MARIADB_APP_PASSWORD;SslMode=None"
  cat <<SETTINGS
ASPNETCORE_ENVIRONMENT=Development
Cluster__InstanceName=$(instance_name "$n")
Cluster__PreparesTenants=$([ "$n" = 1 ] && echo true || echo false)
AppStore__Provider=MySql
AppStore__ConnectionString=$mysql;Database=dashboard
DataProtection__Certificate__Path=$CLUSTER_KEY_RING_PFX
DataProtection__Certificate__Password=$(cat "$CLUSTER_KEY_RING_PASSWORD_FILE")
ForwardedHeaders__KnownProxies__0=127.0.0.1
Hsts__Enabled=true
Auth__Metrics__ScrapeToken=$(cat "$CLUSTER_SCRAPE_TOKEN_FILE")
Metrics__Source=Prometheus
Metrics__Prometheus__Url=http://127.0.0.1:$PROMETHEUS_PORT
Tenants__acme__Settings__ServiceUrl=http://127.0.0.1:$DYNAMODB_THROTTLE_PORT
Tenants__globex__Settings__ConnectionString=$mysql;Database=globex
Tenants__initech__Settings__Endpoint=http://127.0.0.1:$FAUNA_PORT
Tenants__sandbox__Settings__ConnectionString=Data Source=$CLUSTER_DIR/sandbox.db
SETTINGS
}

# instance_launch N : starts instance N in the background (setsid: it outlives this script).
instance_launch() {
  local n=$1 port=${CLUSTER_APP_PORTS[$(($1 - 1))]} dir; dir=$(instance_dir "$1")
  [ -n "$port" ] || die "there is no instance $n (CLUSTER_APP_PORTS has ${#CLUSTER_APP_PORTS[@]})"
  if port_open "$port"; then
    pidfile_alive "$dir/pid" >/dev/null && { say "$(instance_name "$n"): already running on $port"; return 0; }
    die "something else listens on $port: stop it before starting the cluster"
  fi
  [ -f "$DASHBOARD_DLL" ] || die "$DASHBOARD_DLL is missing: run scripts/cluster.sh up without --no-build"
  mkdir -p "$dir"
  local settings=()
  mapfile -t settings < <(instance_settings "$n")
  (cd "$REPO_ROOT" && exec env "${settings[@]}" setsid dotnet exec "$DASHBOARD_DLL" --urls "http://127.0.0.1:$port" \
    --contentRoot "$REPO_ROOT" >"$dir/app.log" 2>&1 </dev/null) &
  echo $! >"$dir/pid"
}

# instance_wait N : waits until instance N answers /healthz (its app store is ready by then).
instance_wait() {
  local n=$1 port=${CLUSTER_APP_PORTS[$(($1 - 1))]} dir; dir=$(instance_dir "$1")
  for _ in $(seq 900); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && { say "$(instance_name "$n"): http://127.0.0.1:$port"; return 0; }
    pidfile_alive "$dir/pid" >/dev/null || die "$(instance_name "$n") stopped while starting; see $dir/app.log"
    sleep 0.1
  done
  die "$(instance_name "$n") did not answer on $port within 90 s; see $dir/app.log"
}

instances_up() {
  # The first instance makes the app store's schema and prepares the tenants; the others start once it answers.
  instance_launch 1 && instance_wait 1
  local n
  for ((n = 2; n <= ${#CLUSTER_APP_PORTS[@]}; n++)); do instance_launch "$n"; done
  for ((n = 2; n <= ${#CLUSTER_APP_PORTS[@]}; n++)); do instance_wait "$n"; done
}

instances_down() {
  local n
  for ((n = 1; n <= ${#CLUSTER_APP_PORTS[@]}; n++)); do stop_pidfile "$(instance_dir "$n")/pid" "$(instance_name "$n")" 20; done
}

instances_status() {
  local n port pid
  for ((n = 1; n <= ${#CLUSTER_APP_PORTS[@]}; n++)); do
    port=${CLUSTER_APP_PORTS[$((n - 1))]}
    if pid=$(pidfile_alive "$(instance_dir "$n")/pid") && port_open "$port"; then
      echo "$(instance_name "$n")  up    http://127.0.0.1:$port (pid $pid)"
    else
      echo "$(instance_name "$n")  down"
    fi
  done
}

# instance_kill N : ends instance N at once, as a crash would (no graceful shutdown, circuits lost).
instance_kill() {
  local dir pid; dir=$(instance_dir "$1")
  pid=$(pidfile_alive "$dir/pid") || die "$(instance_name "$1") is not running"
  kill -KILL "$pid"
  rm -f "$dir/pid"
  say "$(instance_name "$1"): killed (pid $pid)"
}

instance_start_again() { instance_launch "$1" && instance_wait "$1"; }
