#!/usr/bin/env bash
# The official fauna JS driver, unchanged, against FaunaLocal (built by the solution build before this runs).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
node --test --test-reporter=spec
