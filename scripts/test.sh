#!/usr/bin/env bash
# `make test`: every check and every test, in the order a failure is cheapest to find.
# Installs what is missing when run as root (Debian), otherwise names it and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
# A one-off build needs no incremental state (it roughly doubles target/ on a clean clone).
[ -n "${CI:-}" ] && export CARGO_INCREMENTAL=0
. scripts/lib.sh

logs=$(mktemp -d /tmp/kiemdiem-test.XXXXXX)
pg_dir=""
cleanup() {
  [ -n "$pg_dir" ] && scripts/postgres-url.sh --stop "$pg_dir"
  rm -rf "$logs"
}
trap cleanup EXIT

say "tools"
need_rust
need_disk 12
need_node
need_native_libs
need_chromium
echo "cargo $(cargo --version | cut -d' ' -f2), node $(node --version), chromium: $(chromium_path)"

say "rust: format"
cargo fmt --all --check

say "rust: clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

say "postgresql for the integration tests"
pg_out=$(scripts/postgres-url.sh)
export KIEMDIEM_TEST_PG_URL=$(echo "$pg_out" | sed -n 1p)
pg_dir=$(echo "$pg_out" | sed -n 2p)
echo "using $(echo "$KIEMDIEM_TEST_PG_URL" | sed -E 's#://([^:@/]+):[^@]*@#://\1@#')"

say "rust: unit and integration tests (SQLite and PostgreSQL)"
cargo test --workspace --locked 2>&1 | tee "$logs/cargo.log"

say "frontend: install, generated types, type check, lint, unit tests, build"
(
  cd frontend
  npm ci --no-audit --no-fund
  npm run check:api
  npm run typecheck
  npm run lint
  npm test 2>&1 | tee "$logs/vitest.log"
  npm run build
  npm run check:first-load
)

# The server the black-box tests drive: the test profile's binary, which `cargo test` above has
# just built (the kiemdiem crate's own tests run it), not an optimised release build (12 minutes
# on two cores). `cargo build` here would compile again every dependency whose features the
# tests unify differently (minutes, Typst among them). `make run` and `make bench` build and use
# the release binary.
say "server build (test profile)"
server=target/debug/kiemdiem
[ -x "$server" ] || cargo build --locked -p kiemdiem

say "contract: Schemathesis against the served OpenAPI document (demo data)"
scripts/schemathesis.sh "$server" 2>&1 | tee "$logs/st.log"

say "faults: PostgreSQL stopped under load, SIGTERM mid-request (a throwaway cluster)"
command -v python3 >/dev/null || apt_install python3
python3 scripts/faults.py "$server"

say "replica: reports from a real streaming standby (pg_basebackup -R), read-your-writes, lag, standby down"
python3 scripts/replica.py "$server"

say "end-to-end: Playwright in $(chromium_path) against the server"
(
  cd e2e
  npm ci --no-audit --no-fund
  KIEMDIEM_BIN=$(realpath "../$server") CHROMIUM_PATH=$(chromium_path) npm test 2>&1 | tee "$logs/e2e.log"
)

count() { # file, pattern with one number group; 0 when the pattern is absent (no flaky test)
  { grep -Eo "$2" "$1" || true; } | { grep -Eo '[0-9]+' || true; } | awk '{s+=$1} END {print s+0}'
}
strip() { sed -E 's/\x1b\[[0-9;]*m//g' "$1" > "$1.txt"; }
for f in cargo vitest e2e st; do strip "$logs/$f.log"; done
rust=$(count "$logs/cargo.log.txt" 'test result: ok\. [0-9]+ passed')
vitest=$(count "$logs/vitest.log.txt" 'Tests +[0-9]+ passed')
e2e=$(count "$logs/e2e.log.txt" '^ +[0-9]+ passed')
flaky=$(count "$logs/e2e.log.txt" '^ +[0-9]+ flaky')
st=$(grep -Eo '[0-9]+ passed, [0-9]+ skipped' "$logs/st.log.txt" | grep -Eo '^[0-9]+' | head -1 || true)
say "summary: rust $rust, vitest $vitest, playwright $e2e (and $flaky passed on their retry: flaky), schemathesis ${st:-0} cases"
echo "$((rust + vitest + e2e + flaky)) passed, 0 failed"
