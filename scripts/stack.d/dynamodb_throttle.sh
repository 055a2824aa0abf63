# The throttling switch for DynamoDB: src/DynamoDbThrottleProxy on 127.0.0.1:8001 (DYNAMODB_THROTTLE_PORT moves it)
# in front of DynamoDB Local (8000), answering a share of item and query calls with ProvisionedThroughputExceededException as AWS does.
# The share starts at DYNAMODB_THROTTLE_SHARE (default 0: everything passes through) and changes at runtime:
#   curl -X POST 'http://127.0.0.1:8001/__throttle?share=0.5'
# A tenant goes through the switch when its Settings:ServiceUrl is http://127.0.0.1:8001.
# The file name sorts after dynamodb.sh in every locale ('_' > '.'), and the proxy needs no upstream to start.
DYNAMODB_THROTTLE_PORT=${DYNAMODB_THROTTLE_PORT:-8001}
DYNAMODB_THROTTLE_PIDFILE="$STACK_DIR/dynamodb-throttle.pid"
DYNAMODB_THROTTLE_LOG="$STACK_DIR/dynamodb-throttle.log"
DYNAMODB_THROTTLE_PROJECT="$REPO_ROOT/src/DynamoDbThrottleProxy"
DYNAMODB_THROTTLE_DLL="$DYNAMODB_THROTTLE_PROJECT/bin/Release/net10.0/DynamoDbThrottleProxy.dll"

# Builds the proxy in Release when it is missing or older than its sources.
dynamodb_throttle_build() {
  if [[ -f "$DYNAMODB_THROTTLE_DLL" && -z "$(find "$DYNAMODB_THROTTLE_PROJECT" -name '*.cs' -newer "$DYNAMODB_THROTTLE_DLL" -print -quit)" ]]; then
    return 0
  fi
  say "building the DynamoDB throttle proxy"
  dotnet build "$DYNAMODB_THROTTLE_PROJECT" -c Release --nologo -v quiet >"$DYNAMODB_THROTTLE_LOG" 2>&1 \
    || die "the DynamoDB throttle proxy did not build (see $DYNAMODB_THROTTLE_LOG)"
}

dynamodb_throttle_up() {
  local share=${DYNAMODB_THROTTLE_SHARE:-0}
  if port_open "$DYNAMODB_THROTTLE_PORT"; then
    say "DynamoDB throttle proxy: already listening on $DYNAMODB_THROTTLE_PORT"
    # An explicit share applies to the running proxy too.
    [ -n "${DYNAMODB_THROTTLE_SHARE:-}" ] && curl -fsS -X POST "http://127.0.0.1:$DYNAMODB_THROTTLE_PORT/__throttle?share=$share" >/dev/null
    return 0
  fi
  dynamodb_throttle_build
  setsid dotnet exec "$DYNAMODB_THROTTLE_DLL" --port "$DYNAMODB_THROTTLE_PORT" \
    --upstream "http://127.0.0.1:${DYNAMODB_PORT:-8000}" --share "$share" >"$DYNAMODB_THROTTLE_LOG" 2>&1 </dev/null &
  echo $! >"$DYNAMODB_THROTTLE_PIDFILE"
  wait_for_port "$DYNAMODB_THROTTLE_PORT" 30 || die "the DynamoDB throttle proxy did not start on $DYNAMODB_THROTTLE_PORT (see $DYNAMODB_THROTTLE_LOG)"
  say "DynamoDB throttle proxy: http://127.0.0.1:$DYNAMODB_THROTTLE_PORT → DynamoDB Local, share $share"
}

dynamodb_throttle_down() { stop_pidfile "$DYNAMODB_THROTTLE_PIDFILE" "DynamoDB throttle proxy"; }

dynamodb_throttle_status() {
  if port_open "$DYNAMODB_THROTTLE_PORT"; then
    echo "dynamodb-throttle: up on 127.0.0.1:$DYNAMODB_THROTTLE_PORT $(curl -fsS "http://127.0.0.1:$DYNAMODB_THROTTLE_PORT/__throttle" 2>/dev/null)"
  else
    echo "dynamodb-throttle: down"
  fi
}
