# MariaDB on 127.0.0.1:3306 (MARIADB_PORT moves it) for the PlanetScale demo tenant (globex) and the cluster's app
# store (database `dashboard`, scripts/cluster.sh), data under .stack/mariadb.
# Started as its own process with --no-defaults (the machine's my.cnf and service play no part).
MARIADB_PORT=${MARIADB_PORT:-3306}
MARIADB_DIR="$STACK_DIR/mariadb"
MARIADB_APP_USER=app
MARIADB_APP_PASSWORD=app-pass

mariadb_bin() { command -v "$1" 2>/dev/null || echo "/usr/sbin/$1"; }
mariadb_root_flag() { [ "$(id -u)" = 0 ] && echo "--user=root"; }

mariadb_up() {
  if port_open "$MARIADB_PORT"; then say "mariadb: something already listens on $MARIADB_PORT, using it"; return 0; fi
  mkdir -p "$MARIADB_DIR"
  if [ ! -d "$MARIADB_DIR/data/mysql" ]; then
    say "mariadb: initialising $MARIADB_DIR/data"
    "$(mariadb_bin mariadb-install-db)" --no-defaults $(mariadb_root_flag) --datadir="$MARIADB_DIR/data" \
      --skip-test-db --auth-root-authentication-method=socket >"$MARIADB_DIR/install.log" 2>&1 \
      || die "mariadb-install-db failed, see $MARIADB_DIR/install.log"
  fi
  cat >"$MARIADB_DIR/init.sql" <<SQL
CREATE USER IF NOT EXISTS '$MARIADB_APP_USER'@'127.0.0.1' IDENTIFIED BY '$MARIADB_APP_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$MARIADB_APP_USER'@'127.0.0.1';
SQL
  say "mariadb: starting on 127.0.0.1:$MARIADB_PORT"
  nohup "$(mariadb_bin mariadbd)" --no-defaults $(mariadb_root_flag) --datadir="$MARIADB_DIR/data" \
    --socket="$MARIADB_DIR/mariadb.sock" --port="$MARIADB_PORT" --bind-address=127.0.0.1 --skip-name-resolve \
    --pid-file="$MARIADB_DIR/mariadbd.pid" --log-error="$MARIADB_DIR/error.log" --init-file="$MARIADB_DIR/init.sql" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --skip-log-bin \
    >/dev/null 2>&1 &
  wait_for_port "$MARIADB_PORT" 60 || die "mariadb did not start; see $MARIADB_DIR/error.log"
}

mariadb_down() { stop_pidfile "$MARIADB_DIR/mariadbd.pid" "mariadb" 10; }

mariadb_status() {
  if port_open "$MARIADB_PORT"; then echo "mariadb     up    127.0.0.1:$MARIADB_PORT (data $MARIADB_DIR)"
  else echo "mariadb     down"; fi
}
