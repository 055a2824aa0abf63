#!/usr/bin/env bash
# Point reads/s and single-document writes/s of FaunaLocal next to DynamoDB Local's GetItem/PutItem per second,
# measured in one run, one after the other (never at once: they would share the cores), with the same clients and
# seconds, in memory and on disk. Prints each benchmark's rows, then one combined table.
# Usage: point-vs-fauna.sh [--seconds 3] [--clients 8] [--warmup 2]   (--warmup: DynamoDB Local's JVM, per figure)
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
source "$REPO_ROOT/scripts/lib/ensure-dynamodb-local.sh"
ensure_dynamodb_local
cd "$REPO_ROOT"

seconds=3 clients=8 warmup=2
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    *) die "unknown option '$1' (--seconds S, --clients N, --warmup S)" ;;
  esac
done

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
say "FaunaLocal bench"
dotnet_run src/FaunaLocal bench --seconds "$seconds" --concurrency "$clients" | tee "$out/fauna.txt"
say "DynamoDB Local point bench"
dotnet_run tests/Dashboard.DynamoDb.Bench point --seconds "$seconds" --clients "$clients" --warmup "$warmup" | tee "$out/dynamodb.txt"

# Rows are "mode operation... ops/s p50 p99"; the operation is a point read (HTTP/1.1) or a write.
echo
echo "Point operations per second, $clients clients, $seconds s each (p50 / p99 ms in brackets):"
awk '
  function kind(line) { return line ~ /HTTP\/2/ ? "" : line ~ /point read/ ? "point read" : line ~ /write/ ? "write" : "" }
  FNR == 1 { file++ }
  $1 == "in-memory" || $1 == "on-disk" {
    k = kind($0); if (k == "") next
    key = $1 "|" k; if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    cell[key, file] = sprintf("%7d (%s / %s)", $(NF-2), $(NF-1), $NF); rate[key, file] = $(NF-2)
  }
  END {
    printf "| %-9s | %-10s | %-26s | %-26s | %-14s |\n", "mode", "operation", "FaunaLocal ops/s", "DynamoDB Local ops/s", "Fauna/DynamoDB"
    printf "|-----------|------------|----------------------------|----------------------------|----------------|\n"
    for (i = 1; i <= n; i++) {
      split(order[i], p, "|")
      ratio = rate[order[i], 2] > 0 ? sprintf("x%.2f", rate[order[i], 1] / rate[order[i], 2]) : "-"
      printf "| %-9s | %-10s | %-26s | %-26s | %-14s |\n", p[1], p[2], cell[order[i], 1], cell[order[i], 2], ratio
    }
  }' "$out/fauna.txt" "$out/dynamodb.txt"
echo "(FaunaLocal: FQL Item.byId / Item.create over its wire protocol; DynamoDB Local: GetItem / PutItem through the AWS SDK.)"
