# DynamoDB Local on 127.0.0.1:8000 (DYNAMODB_PORT moves it) with its data in .stack/dynamodb (-sharedDb: one
# database whatever the credentials and region). Needs ensure_dynamodb_local (scripts/lib/ensure-dynamodb-local.sh).
DYNAMODB_PORT=${DYNAMODB_PORT:-8000}
DYNAMODB_DATA="$STACK_DIR/dynamodb"
DYNAMODB_PIDFILE="$STACK_DIR/dynamodb.pid"
DYNAMODB_LOG="$STACK_DIR/dynamodb.log"

dynamodb_up() {
  if port_open "$DYNAMODB_PORT"; then say "DynamoDB Local: already listening on $DYNAMODB_PORT"; return 0; fi
  mkdir -p "$DYNAMODB_DATA"
  # setsid: the server outlives this script and a Ctrl-C in the terminal that ran it.
  # DYNAMODB_IN_MEMORY=1 keeps nothing on disk (about 9× faster writes): for test runs that start from nothing anyway.
  local storage=(-dbPath "$DYNAMODB_DATA")
  [ -n "${DYNAMODB_IN_MEMORY:-}" ] && storage=(-inMemory)
  setsid "${DYNAMODB_LOCAL_JAVA[@]}" -sharedDb "${storage[@]}" -port "$DYNAMODB_PORT" >"$DYNAMODB_LOG" 2>&1 </dev/null &
  echo $! >"$DYNAMODB_PIDFILE"
  wait_for_port "$DYNAMODB_PORT" 60 || die "DynamoDB Local did not start on $DYNAMODB_PORT (see $DYNAMODB_LOG)"
  say "DynamoDB Local: http://127.0.0.1:$DYNAMODB_PORT (data in $DYNAMODB_DATA)"
}

dynamodb_down() { stop_pidfile "$DYNAMODB_PIDFILE" "DynamoDB Local"; }

dynamodb_status() {
  if port_open "$DYNAMODB_PORT"; then
    echo "dynamodb: up on 127.0.0.1:$DYNAMODB_PORT (pid $(pidfile_alive "$DYNAMODB_PIDFILE" || echo 'not started by stack.sh'))"
  else
    echo "dynamodb: down"
  fi
}
