#!/usr/bin/env bash
# Builds (if needed) and runs FaunaLocal. Defaults: port 8443, data in .stack/fauna. Extra arguments pass through.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dll="$root/src/FaunaLocal/bin/Release/net10.0/FaunaLocal.dll"
if [[ ! -f "$dll" || -n "$(find "$root/src/FaunaLocal" -name '*.cs' -newer "$dll" -print -quit)" ]]; then
  dotnet build "$root/src/FaunaLocal" -c Release --nologo -v quiet >&2
fi
if [[ $# -eq 0 ]]; then set -- --port 8443 --data "$root/.stack/fauna"; fi
exec dotnet exec "$dll" "$@"
