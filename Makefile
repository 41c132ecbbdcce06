# kiemdiem: the two commands of the README, and the pieces they are made of.
.PHONY: run test bench build openapi fmt lint

## Build everything and serve on SQLite (DATABASE_URL overrides), at http://127.0.0.1:8080/
run:
	bash scripts/run.sh

## Every check and test: fmt, clippy, Rust tests on SQLite and PostgreSQL, frontend, e2e
test:
	bash scripts/test.sh

## The five measurements of bench/RESULTS.md on this machine (PostgreSQL, 200,000 members)
bench:
	bash scripts/bench.sh

## The SPA and the release binary
build:
	cd frontend && npm ci --no-audit --no-fund && npm run build
	cargo build --release --locked -p kiemdiem

## Regenerate openapi/openapi.json from the code, and the SPA's types from it
openapi:
	cargo run --quiet -p kiemdiem -- export-openapi --output openapi/openapi.json
	cd frontend && npm run gen:api

fmt:
	cargo fmt --all

lint:
	cargo clippy --workspace --all-targets -- -D warnings
