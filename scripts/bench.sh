#!/usr/bin/env bash
# `make bench`: the five measurements of bench/RESULTS.md, in one run on this machine, against
# PostgreSQL with a synthetic province (BENCH_MEMBERS, default 200,000; BENCH_BRANCHES, 8,000).
#   1. HTTP: GET /health/live (the floor) and the scoped member list (50 rows, searches, pages)
#      at 32 connections with wrk: requests/s, p50, p99.
#   2. Reports: the province statistics report against the bare SQL GROUP BY of the same counts.
#   3. Import: the members' CSV through `kiemdiem import members` against PostgreSQL COPY.
#   4. Engine: the criterion benchmark (members classified per second).
#   5. Memory: the server's peak RSS (VmHWM) after 1 and 2.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
need_rust
need_native_libs
command -v wrk >/dev/null || apt_install wrk
command -v psql >/dev/null || apt_install postgresql-client
command -v curl >/dev/null || apt_install curl

members=${BENCH_MEMBERS:-200000}
branches=${BENCH_BRANCHES:-8000}
duration=${BENCH_SECONDS:-20}
say "release build"
cargo build --release --locked -p kiemdiem
bin=target/release/kiemdiem

work=$(mktemp -d /tmp/kiemdiem-bench.XXXXXX)
pg_out=$(scripts/postgres-url.sh)
admin=$(echo "$pg_out" | sed -n 1p)
pg_dir=$(echo "$pg_out" | sed -n 2p)
db=kd_bench_$$
db2=kd_bench_import_$$
with_db() { python3 -c 'import sys,re; u=sys.argv[1]; b,_,q=u.partition("?"); s=b.find("://")+3; i=b.find("/",s); b=b if i<0 else b[:i]; print(b+"/"+sys.argv[2]+("?"+q if q else ""))' "$1" "$2"; }
url=$(with_db "$admin" "$db")
url2=$(with_db "$admin" "$db2")
server=""
autogroup_was=""
cleanup() {
  local rc=$?
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  [ -n "$autogroup_was" ] && echo "$autogroup_was" > "$autogroup_file"
  if [ "$rc" != 0 ] && [ -f "$work/server.log" ]; then
    # A failed step's evidence outlives the work folder: the server's warnings (slow and
    # failed answers, with their times and paths).
    cp "$work/server.log" /tmp/kiemdiem-bench-server.log
    echo "the server's log: /tmp/kiemdiem-bench-server.log; its last warnings:" >&2
    grep -a WARN "$work/server.log" | tail -20 >&2 || true
  fi
  psql -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  psql -q "$admin" -c "DROP DATABASE IF EXISTS $db2 WITH (FORCE)" >/dev/null 2>&1 || true
  [ -n "$pg_dir" ] && scripts/postgres-url.sh --stop "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT
# The kernel's autogroup (issue #18): with it, each session's processes share the CPUs as one
# group, and PostgreSQL's (the machine's service) against this run's (wrk and the server). While
# both wanted more than the 2 cores, the kernel left every PostgreSQL process waiting for 0.4 to
# 2.7 s at a time, in 14 of 54 trials of the mix (the pool's waits and the server's slow answers
# at the same moments; 0 of 26 trials with autogroup off). That is the machine's scheduler, not
# the system under test, so it is off for the run where we may turn it off (root), restored at
# the end, and RESULTS.md says which way it ran; BENCH_AUTOGROUP=on leaves it as it is.
autogroup_file=/proc/sys/kernel/sched_autogroup_enabled
autogroup_was=""
autogroup="absent"
if [ -r "$autogroup_file" ]; then
  if [ "$(cat "$autogroup_file")" = 1 ]; then
    autogroup="on"
    if [ "${BENCH_AUTOGROUP:-off}" = off ] && [ -w "$autogroup_file" ] && echo 0 > "$autogroup_file" 2>/dev/null; then
      autogroup_was=1
      autogroup="off for the run (it was on)"
    fi
  else
    autogroup="off"
  fi
fi
psql -q "$admin" -c "CREATE DATABASE $db" >/dev/null
psql -q "$admin" -c "CREATE DATABASE $db2" >/dev/null
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }

say "seed: $members members, $branches branches, 5 years (PostgreSQL)"
t0=$(now)
DATABASE_URL=$url RUST_LOG=warn $bin seed --members "$members" --branches "$branches" --years 5
seed_secs=$(secs "$t0" "$(now)")
DATABASE_URL=$url RUST_LOG=warn $bin create-admin --username bench --password bench-password-0123 >/dev/null
psql -q "$url" -c "VACUUM ANALYZE" >/dev/null

# The server as installed: its default pool (KIEMDIEM_DB_POOL_SIZE: 16 connections). 32 held
# the same rates on 2 cores with 20 more threads and heaps resident (issue #18: the peak RSS
# after the distinct run 203 MB with 32, 183 MB with 16).
pool=16
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
DATABASE_URL=$url KIEMDIEM_BIND=127.0.0.1:$port KIEMDIEM_DATA_DIR=$work KIEMDIEM_WEB_DIR=$work/none \
  KIEMDIEM_RATE_LIMIT=100000 KIEMDIEM_DB_POOL_SIZE=$pool RUST_LOG=warn \
  KIEMDIEM_JWT_SECRET=$(python3 -c 'import secrets; print(secrets.token_hex(32))') \
  $bin serve > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fsS "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
token=$(curl -fsS -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"username":"bench","password":"bench-password-0123"}' \
  | python3 -c 'import sys, json; print(json.load(sys.stdin)["access_token"])')
# Access tokens last 15 minutes: enough for one run.
export BENCH_TOKEN=$token

# The peak RSS after each step, so that a peak is attributed to what raised it.
hwm() { awk '/VmHWM/ {print $2}' "/proc/$server/status"; }
rss_steps="\"started\": $(hwm)"
# And how many answers the server logged as slow (≥ 250 ms) and as failed (5xx) until then.
logged() { grep -ac "$1" "$work/server.log" || true; }
slow_steps=""
step() {
  rss_steps="$rss_steps, \"$1\": $(hwm)"
  slow_steps="$slow_steps${slow_steps:+, }\"$1\": [$(logged 'request slow'), $(logged 'request failed')]"
}

say "1. HTTP: 32 connections, ${duration}s each"
# Each after 5 s of the same requests, not measured: connections open, caches warm.
wrk -t2 -c32 -d5s "$base/health/live" > /dev/null
wrk -t2 -c32 -d"${duration}s" --latency "$base/health/live" > "$work/floor.txt"
step floor
wrk -t2 -c32 -d5s -s scripts/bench-members.lua "$base" > /dev/null
wrk -t2 -c32 -d"${duration}s" --latency -s scripts/bench-members.lua "$base" > "$work/members.txt"
cat "$work/floor.txt" "$work/members.txt"
step "admin pages"
grep -q "Non-2xx" "$work/members.txt" && die "the member list answered errors under load"

say "1b. People (issue #18): 390 people in their own scopes, against a naive bare-SQL rendition"
python3 scripts/bench-people.py "$url" "$base" bench-password-0123 "$work/tokens.txt"
step "390 logins"
export BENCH_TOKENS=$work/tokens.txt BENCH_THREADS=2
pgbench=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1)
[ -x "$pgbench" ] || die "missing: pgbench (Debian package 'postgresql')"
for mode in mix distinct; do
  # Not warmed with the same requests: the first pass is part of what is measured.
  BENCH_MODE=$mode wrk -t2 -c32 -d"${duration}s" --latency -s scripts/bench-people.lua "$base" \
    > "$work/people-$mode.txt"
  cat "$work/people-$mode.txt"
  grep -q "Non-2xx" "$work/people-$mode.txt" && die "the people's member lists answered errors ($mode)"
  step "$mode"
done
"$pgbench" -n -c 32 -j 2 -T "$duration" -f scripts/bench-naive.sql "$url" > "$work/naive.txt" 2>&1
cat "$work/naive.txt"
rss_http=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")

say "2. Reports: the province's statistics against the bare SQL"
province=$(psql -qtA "$url" -c "SELECT id FROM organizations WHERE code = 'NA-SYN'")
report_runs=()
for _ in 1 2 3; do
  t0=$(now)
  curl -fsS -o "$work/stats.json" -H "Authorization: Bearer $token" \
    "$base/api/v1/reports/statistics?organization_id=$province&year=2016"
  report_runs+=("$(secs "$t0" "$(now)")")
done
report_secs=$(printf '%s\n' "${report_runs[@]}" | sort -n | sed -n 2p)
sql="SELECT m.branch_id, r.status, r.level, count(*) FROM members m
  JOIN organizations o ON o.id = m.branch_id
  LEFT JOIN classification_results r ON r.member_id = m.id AND r.state NOT IN ('cancelled', 'returned')
  WHERE m.active AND o.path LIKE (SELECT path FROM organizations WHERE id = $province) || '%'
  GROUP BY m.branch_id, r.status, r.level"
sql_runs=()
for _ in 1 2 3; do
  ms=$( (echo '\timing on'; echo "$sql;") | psql -qtA "$url" | grep -Eo 'Time: [0-9.]+' | grep -Eo '[0-9.]+')
  sql_runs+=("$(python3 -c "print(f'{$ms / 1000:.3f}')")")
done
sql_secs=$(printf '%s\n' "${sql_runs[@]}" | sort -n | sed -n 2p)
# The report counts the province's active members, attached ones in their home branch only (M5).
active=$(psql -qtA "$url" -c "SELECT count(*) FROM members WHERE active AND NOT attached")
python3 - "$work/stats.json" "$active" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["total"]["members"] == int(sys.argv[2]), (s["total"], sys.argv[2])
PY
rss_reports=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
step reports

say "3. Import: the members' CSV through the import against COPY"
curl -fsS -o "$work/members.csv" -H "Authorization: Bearer $token" "$base/api/v1/members/export?format=csv"
rows=$(($(wc -l < "$work/members.csv") - 1))
# The same organisations (the codes are deterministic), no members.
DATABASE_URL=$url2 RUST_LOG=warn $bin seed --members 0 --branches "$branches" --years 0 >/dev/null
t0=$(now)
DATABASE_URL=$url2 RUST_LOG=warn $bin import members "$work/members.csv" > "$work/import.txt"
import_secs=$(secs "$t0" "$(now)")
cols=$(head -1 "$work/members.csv" | python3 -c 'import csv,sys; print(len(next(csv.reader(sys.stdin))))')
psql -q "$url2" -c "CREATE TABLE copy_members ($(python3 -c "print(', '.join(f'c{i} text' for i in range($cols)))"))"
t0=$(now)
psql -q "$url2" -c "\\copy copy_members FROM '$work/members.csv' WITH (FORMAT csv, HEADER true)"
copy_secs=$(secs "$t0" "$(now)")
imported=$(psql -qtA "$url2" -c "SELECT count(*) FROM members")
[ "$imported" = "$rows" ] || die "imported $imported of $rows rows"
# For context: COPY of the rows the import wrote into a table like members (its types and
# indexes, no foreign keys), i.e. what the database alone needs for the import's result.
psql -q "$url2" -c "\\copy (SELECT * FROM members) TO '$work/members.bin' WITH (FORMAT binary)"
psql -q "$url2" -c "CREATE TABLE typed_members (LIKE members INCLUDING ALL)"
t0=$(now)
psql -q "$url2" -c "\\copy typed_members FROM '$work/members.bin' WITH (FORMAT binary)"
typed_copy_secs=$(secs "$t0" "$(now)")
# The server wrote the CSV export (the import itself runs in its own process).
step "export"

say "Load (issue #18): the deadline week, 390 people in their own scopes at a fixed rate"
branch_id=$(psql -qtA "$url" -c "SELECT id FROM organizations WHERE code = 'NA-SYN-CB00000'")
district_id=$(psql -qtA "$url" -c "SELECT id FROM organizations WHERE code = 'NA-SYN-H00'")
# The people of 1b (their tokens), each in their own scope: lists, searches, reads, their own
# statistics, new members, changes, self-reviews and tallies. Errors or lost writes are
# recorded, not hidden; where the machine saturates, RESULTS.md says at what rate.
LOAD_SERVER_PID=$server python3 scripts/load.py "$base" "$token" "$branch_id" "$district_id" "${BENCH_LOAD_SECONDS:-60}" \
  "${BENCH_LOAD_RATE:-500}" "$work/tokens.txt" \
  > "$work/load.json" || echo "the load run had errors or lost writes (recorded in RESULTS.md)"
step load
cat "$work/load.json"

say "4. Engine: criterion"
cargo bench --locked -q -p kiemdiem-domain --bench engine -- --warm-up-time 2 --measurement-time 5 \
  | tee "$work/engine.txt"
engine=$(grep -Eo 'thrpt: +\[[^]]*elem/s\]' "$work/engine.txt" | head -1 | awk '{print $4, $5}')

kill "$server"; wait "$server" 2>/dev/null || true; server=""

say "results → bench/RESULTS.md"
mkdir -p bench
python3 scripts/bench-report.py "$work" > "$work/RESULTS.md" <<JSON
{"members": $members, "branches": $branches, "seed_secs": $seed_secs, "rows": $rows,
 "report_secs": $report_secs, "sql_secs": $sql_secs, "import_secs": $import_secs,
 "copy_secs": $copy_secs, "typed_copy_secs": $typed_copy_secs, "pool": $pool, "engine": "$engine", "rss_http_kb": $rss_http,
 "rss_reports_kb": $rss_reports, "rss_steps_kb": {$rss_steps}, "duration": $duration,
 "slow_steps": {$slow_steps}, "autogroup": "$autogroup",
 "pg": "$(psql -qtA "$admin" -c 'SHOW server_version' | tr -d '\n')"}
JSON
mv "$work/RESULTS.md" bench/RESULTS.md
cat bench/RESULTS.md
