#!/usr/bin/env bash
# `make run`: build the SPA and the release server, migrate, and serve on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
need_rust
need_node
need_native_libs

say "frontend: build"
(cd frontend && npm ci --no-audit --no-fund && npm run build)

say "server: release build"
cargo build --release --locked -p kiemdiem

export DATABASE_URL=${DATABASE_URL:-sqlite:data/kiemdiem.db}
export KIEMDIEM_BIND=${KIEMDIEM_BIND:-127.0.0.1:8080}
export KIEMDIEM_WEB_DIR=${KIEMDIEM_WEB_DIR:-frontend/dist}
# A first administrator for the demo, with a random password kept beside the database.
data_dir=${KIEMDIEM_DATA_DIR:-data}
mkdir -p "$data_dir"
pwfile="$data_dir/admin-password.txt"
if [ ! -s "$pwfile" ]; then
  password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
  ./target/release/kiemdiem create-admin --username admin --password "$password" \
    --display-name "Quản trị hệ thống"
  (umask 077 && printf '%s\n' "$password" > "$pwfile")
fi

say "kiemdiem: open http://$KIEMDIEM_BIND/ and log in as admin / $(cat "$pwfile") (Ctrl+C stops)"
exec ./target/release/kiemdiem serve
