# Node.js and npm run the official fauna JS driver's compatibility test (and dynamodb-admin).
ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then apt_install nodejs npm; fi
}
ENSURE+=(ensure_node)
