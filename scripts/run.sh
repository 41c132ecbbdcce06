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
case "$DATABASE_URL" in
  sqlite:*)
    say "demo data (first start only)"
    ./target/release/kiemdiem seed-demo
    ;;
  *)
    say "not seeding demo logins into $(echo "$DATABASE_URL" | sed -E 's#://([^:@/]+):[^@]*@#://\1@#'): run 'kiemdiem seed-demo' yourself if you want them"
    ;;
esac

say "kiemdiem: open http://$KIEMDIEM_BIND/ and log in (e.g. admin / quantri-demo-2016; all logins in README.md). Ctrl+C stops."
exec ./target/release/kiemdiem serve
