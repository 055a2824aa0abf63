# DynamoDB Local 1.25.1, AWS's emulator, from the npm package amplify-dynamodb-simulator@2.9.30 (the jar and its
# native libraries under package/emulator/), run with Java 17. Its licence forbids redistribution: it is fetched
# into .tools/ (git-ignored), never committed.
DYNAMODB_LOCAL_VERSION_PACKAGE="amplify-dynamodb-simulator@2.9.30"
DYNAMODB_LOCAL_DIR="$TOOLS_DIR/dynamodb-local"
DYNAMODB_LOCAL_EMULATOR="$DYNAMODB_LOCAL_DIR/package/emulator"
DYNAMODB_LOCAL_JAR="$DYNAMODB_LOCAL_EMULATOR/DynamoDBLocal.jar"

ensure_dynamodb_local() {
  command -v java >/dev/null || apt_install openjdk-17-jre-headless
  command -v npm >/dev/null || apt_install nodejs npm
  [ -f "$DYNAMODB_LOCAL_JAR" ] && return 0
  say "fetching DynamoDB Local ($DYNAMODB_LOCAL_VERSION_PACKAGE from npm)"
  local tmp; tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$DYNAMODB_LOCAL_VERSION_PACKAGE" >/dev/null) || { rm -rf "$tmp"; die "npm pack $DYNAMODB_LOCAL_VERSION_PACKAGE failed"; }
  rm -rf "$DYNAMODB_LOCAL_DIR" && mkdir -p "$DYNAMODB_LOCAL_DIR"
  tar -xzf "$tmp"/*.tgz -C "$DYNAMODB_LOCAL_DIR"
  rm -rf "$tmp"
  [ -f "$DYNAMODB_LOCAL_JAR" ] || die "the package has no emulator/DynamoDBLocal.jar"
}

# The command line: the jar with its native SQLite libraries on the library path (as the npm wrapper runs it).
DYNAMODB_LOCAL_JAVA=(java "-Djava.library.path=$DYNAMODB_LOCAL_EMULATOR/DynamoDBLocal_lib" -jar "$DYNAMODB_LOCAL_JAR" -disableTelemetry)

ENSURE+=(ensure_dynamodb_local)
