# Shared helpers for the scripts. Source it; it defines functions only.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"
# The local backends' data; DASHBOARD_STACK_DIR moves it (the command-line tests keep theirs apart).
STACK_DIR="${DASHBOARD_STACK_DIR:-$REPO_ROOT/.stack}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
warn() { printf '\033[33mwarning: %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31merror: %s\033[0m\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

APT_UPDATED=""
# apt_install PKG... : installs the Debian packages that are not installed yet.
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]} (apt)"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  # Packages install only their files: no system service (e.g. mariadb on 3306) is started behind our back.
  local policy=/usr/sbin/policy-rc.d created=""
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null; as_root chmod +x "$policy"; created=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  local rc=$?
  [ -n "$created" ] && as_root rm -f "$policy"
  return $rc
}

# wait_for_port PORT SECONDS : waits until something listens on 127.0.0.1:PORT.
wait_for_port() {
  local port=$1 limit=${2:-30} i=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    i=$((i + 1)); [ "$i" -gt $((limit * 10)) ] && return 1; sleep 0.1
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# dotnet_run PROJECT ARGS... : runs a project (its folder under the repo) in Release with ARGS, building it first
# unless BENCH_NO_BUILD is set; then it starts the built assembly itself, since `dotnet run --no-build` still
# evaluates the project (about 2 s a time on a busy 2-core machine).
dotnet_run() {
  local project=$1; shift
  if [ -z "${BENCH_NO_BUILD:-}" ]; then dotnet run -c Release --project "$REPO_ROOT/$project" -- "$@"; return; fi
  local dll="$REPO_ROOT/$project/bin/Release/net10.0/$(basename "$project").dll"
  [ -f "$dll" ] || die "$dll is missing: build first (dotnet build Dashboard.sln -c Release)"
  dotnet "$dll" "$@"
}

# Each scripts/lib/ensure-*.sh appends its installer to ENSURE; ensure_all runs them in order.
ENSURE=()
ensure_all() { for f in "${ENSURE[@]}"; do "$f"; done; }

load_libs() { for f in "$REPO_ROOT"/scripts/lib/ensure-*.sh; do [ -e "$f" ] && source "$f"; done; return 0; }

# pidfile_alive FILE : prints the pid in FILE when that process is running (fails otherwise).
pidfile_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null && cat "$1"; }

# stop_pidfile FILE NAME [SECONDS] : stops the process FILE names, waits up to SECONDS (5) for it to exit,
# removes FILE and says so. A stale or missing FILE is just removed.
stop_pidfile() {
  local pid; pid=$(pidfile_alive "$1") || { rm -f "$1"; return 0; }
  kill "$pid"
  for _ in $(seq $(( ${3:-5} * 10 ))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$1"
  say "$2: stopped"
}
