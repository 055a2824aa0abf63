# FaunaLocal on 8443 with data under .stack/fauna (see scripts/fauna-local.sh).
FAUNA_PORT=${FAUNA_PORT:-8443}

fauna_up() {
  if port_open "$FAUNA_PORT"; then say "FaunaLocal already answers on $FAUNA_PORT"; return 0; fi
  mkdir -p "$STACK_DIR/fauna"
  say "starting FaunaLocal on $FAUNA_PORT"
  nohup "$REPO_ROOT/scripts/fauna-local.sh" --port "$FAUNA_PORT" --data "$STACK_DIR/fauna" >"$STACK_DIR/fauna.log" 2>&1 &
  echo $! >"$STACK_DIR/fauna.pid"
  wait_for_port "$FAUNA_PORT" 120 || die "FaunaLocal did not start; see $STACK_DIR/fauna.log"
}

fauna_down() { stop_pidfile "$STACK_DIR/fauna.pid" "FaunaLocal"; }

fauna_status() {
  if port_open "$FAUNA_PORT"; then echo "fauna     up    http://127.0.0.1:$FAUNA_PORT"; else echo "fauna     down"; fi
}
