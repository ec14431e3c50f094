#!/usr/bin/env bash
# What one CareDesk node holds (issue 10), measured on this machine, loopback only, bounded in time:
#   1. a throwaway PostgreSQL (fsync on, default settings but max_connections=200 as the app's own
#      private server has) with its data under /tmp, and one app node built in Release;
#   2. an API key for the load (the node runs with a per-key limit high enough not to throttle it);
#   3. CareDesk.Load: search and ticket intake through the HTTP API at rising concurrency, pgbench at the
#      same client counts on the same server, then agent consoles in headless Chromium;
#   4. the summary on stdout, results.md + results.csv (+ the machine and server settings) in the out dir.
#
# usage: bench/load.sh [--quick] [--only SCENARIO] [--out DIR] [-- more CareDesk.Load options]
#   --quick   short steps (about 2 minutes of load after the build)
#   --only    search, intake, pgbench, sessions or sessions-paced (agents with think time, 25…200
#             consoles) instead of all of them
# Everything it starts is stopped on exit, and its /tmp folder removed.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
quick=()
scenario=all
out="$repo/bench/results/$(date +%Y%m%d-%H%M%S)"
extra=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) quick=(--quick); shift ;;
        --only) scenario="$2"; shift 2 ;;
        --out) out=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
        --) shift; extra=("$@"); break ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
mkdir -p "$out"

pgbin=$( (pg_config --bindir 2>/dev/null) || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
for tool in initdb pg_ctl psql pgbench; do
    [[ -x "$pgbin/$tool" ]] || { echo "no $tool in '$pgbin' (apt-get install -y postgresql)" >&2; exit 1; }
done
[[ -x /usr/bin/chromium || -n "${CAREDESK_CHROMIUM:-}" ]] || { echo "no /usr/bin/chromium (apt-get install -y chromium)" >&2; exit 1; }

free_port() {
    local p
    for p in $(shuf -i 20000-60000 -n 50); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
    done
    echo "no free port" >&2; exit 1
}

work=$(mktemp -d /tmp/caredesk-load.XXXXXX)
pgdata="$work/pgdata"
pgport=$(free_port)
appport=$(free_port)
app_pid=""
as_pg=()
if [[ $(id -u) -eq 0 ]]; then
    # PostgreSQL refuses to run as root.
    as_pg=(runuser -u postgres --)
    chown postgres "$work"
fi

cleanup() {
    set +e
    if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
        kill -TERM "$app_pid"; wait "$app_pid" 2>/dev/null
    fi
    if [[ -f "$pgdata/postmaster.pid" ]]; then
        "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null 2>&1
    fi
    cp "$work"/*.log "$out/" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

echo "== machine"
{ echo "date: $(date -Iseconds)"; echo "nproc: $(nproc)"; echo "uptime (start): $(uptime)";
  grep -m1 'model name' /proc/cpuinfo; grep MemTotal /proc/meminfo; uname -srm; } | tee "$out/machine.txt"

echo "== build (Release)"
dotnet build -c Release -v quiet -nologo "$repo/src/CareDesk/CareDesk.csproj"
dotnet build -c Release -v quiet -nologo "$repo/bench/CareDesk.Load/CareDesk.Load.csproj"
app_exe=$(ls "$repo"/src/CareDesk/bin/Release/net9.0/*/CareDesk | head -1)
load_exe=$(ls "$repo"/bench/CareDesk.Load/bin/Release/net9.0/*/CareDesk.Load | head -1)

echo "== PostgreSQL on 127.0.0.1:$pgport (data $pgdata)"
"${as_pg[@]}" "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-instructions >"$work/initdb.log"
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdata" -l "$work/postgres.log" -w \
    -o "-p $pgport -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200" start >/dev/null
psql=("$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -v ON_ERROR_STOP=1 -Atq)
"${psql[@]}" -d postgres -c "CREATE DATABASE caredesk"
"${psql[@]}" -d postgres -c "SELECT name || ' = ' || setting || coalesce(' ' || unit, '') FROM pg_settings WHERE name IN
    ('server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes', 'shared_buffers', 'max_connections', 'wal_level', 'commit_delay')
    ORDER BY name" | tee "$out/postgres-settings.txt"
pg_pid=$(head -1 "$pgdata/postmaster.pid")
connection="Host=127.0.0.1;Port=$pgport;Database=caredesk;Username=postgres"

echo "== CareDesk on http://127.0.0.1:$appport"
# Development: demo users (the agent the browser sessions sign in as) and cookies over plain http on loopback.
# The API's per-key limit is raised for this node only (the production default stays 120 per minute).
(
    cd "$repo/src/CareDesk"
    exec env ASPNETCORE_URLS="http://127.0.0.1:$appport" ASPNETCORE_ENVIRONMENT=Development \
        Logging__LogLevel__Default=Warning ConnectionStrings__CareDesk="$connection" \
        CareDesk__Api__PermitsPerWindow=1000000000 CareDesk__Accounts__SignInPermitsPerMinute=1000 \
        "$app_exe" >"$work/app.log" 2>&1
) &
app_pid=$!
for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$appport/health" >/dev/null && break
    kill -0 "$app_pid" 2>/dev/null || { echo "CareDesk exited:" >&2; cat "$work/app.log" >&2; exit 1; }
    sleep 0.5
done
curl -sf "http://127.0.0.1:$appport/health" >/dev/null || { echo "CareDesk did not answer /health in 120 s" >&2; exit 1; }

key=$(cd "$repo/src/CareDesk" && "$app_exe" api-key create --name load-test --scopes search,intake,status \
    "--ConnectionStrings:CareDesk=$connection" | grep -E '^cdk_' | tail -1)
[[ -n "$key" ]] || { echo "could not create an API key" >&2; exit 1; }

echo "== load ($(uptime))"
limit=20m
[[ ${#quick[@]} -gt 0 ]] && limit=6m
timeout --signal=INT --kill-after=30s "$limit" "$load_exe" "$scenario" --url "http://127.0.0.1:$appport" --key "$key" \
    --app-pid "$app_pid" --pg "$connection" --pg-pid "$pg_pid" --pgbench "$pgbin/pgbench" --out "$out" \
    "${quick[@]}" "${extra[@]}"
echo "uptime (end): $(uptime)" | tee -a "$out/machine.txt"
