#!/usr/bin/env bash
# Prints a PostgreSQL URL for the tests, as the first line of stdout:
#   1. $KIEMDIEM_TEST_PG_URL when set;
#   2. the local server on 127.0.0.1:5432 when it answers (user postgres);
#   3. otherwise a throwaway cluster made with initdb/pg_ctl in a temporary directory, which
#      runs until `scripts/postgres-url.sh --stop DIR` (the second line of stdout is DIR).
# Set KIEMDIEM_TEST_PG_THROWAWAY=1 to skip (2).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

pg_bin() {
  local name=$1 dir
  command -v "$name" 2>/dev/null && return 0
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/$name" ] && { echo "$dir/$name"; return 0; }
  done
  return 1
}

if [ "${1:-}" = "--stop" ]; then
  dir=$2
  [ -d "$dir" ] || exit 0
  ctl=$(pg_bin pg_ctl) || exit 0
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  else "$ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
  exit 0
fi

if [ -n "${KIEMDIEM_TEST_PG_URL:-}" ]; then
  echo "$KIEMDIEM_TEST_PG_URL"
  exit 0
fi

answers() {
  local isready
  isready=$(pg_bin pg_isready) || return 1
  "$isready" -q -h 127.0.0.1 -p "$1" -U postgres -d postgres -t 3
}

if [ -z "${KIEMDIEM_TEST_PG_THROWAWAY:-}" ] && answers 5432; then
  echo "postgres://postgres@127.0.0.1:5432/postgres"
  exit 0
fi

initdb=$(pg_bin initdb) || { apt_install postgresql >&2; initdb=$(pg_bin initdb) || die "missing: PostgreSQL's initdb (Debian package 'postgresql')"; }
ctl=$(pg_bin pg_ctl) || die "missing: PostgreSQL's pg_ctl (Debian package 'postgresql')"

dir=$(mktemp -d /tmp/kiemdiem-pg.XXXXXX)
as_owner=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi
"${as_owner[@]}" "$initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
# The port lies below the kernel's ephemeral range, so that no outgoing connection of this
# machine can hold it when the fault tests stop and restart the cluster; one taken by another
# server is skipped (a few tries).
low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
[ "$low" -gt 12000 ] 2>/dev/null || low=32768
started=
for _ in 1 2 3 4 5; do
  port=$(( 10000 + RANDOM % (low - 10000) ))
  if "${as_owner[@]}" "$ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null; then
    started=1
    break
  fi
  grep -q "could not bind" "$dir/server.log" || break
done
[ -n "$started" ] || { cat "$dir/server.log" >&2; die "the throwaway PostgreSQL did not start"; }
echo "postgres://postgres@127.0.0.1:$port/postgres"
echo "$dir"
