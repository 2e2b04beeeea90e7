#!/usr/bin/env bash
# Runs every test: lints (rustfmt, clippy with the workspace's no-panic lints), the Rust
# unit and integration tests (which run each pallet's try_state invariants), and the
# end-to-end tests that start the real node binary and drive it through @polkadot/api.
source "$(dirname "$0")/env.sh"
cd "$REPO_ROOT"

ensure_protoc
ensure_rust
ensure_node_js

echo "==> cargo fmt --check"
cargo fmt --all -- --check

# One profile (release) for everything, so `cargo build` below reuses what the tests built.
echo "==> cargo clippy (workspace lints deny unwrap/expect/indexing/unchecked arithmetic)"
cargo clippy --release --locked --workspace --all-targets -- -D warnings

echo "==> cargo test --release --workspace"
cargo test --release --locked --workspace

build_node

echo "==> end-to-end tests (node $(NODE_BIN))"
cd "$REPO_ROOT/e2e"
npm ci --no-audit --no-fund
MODELCHAIN_NODE="$(NODE_BIN)" npm test
echo "==> all tests passed"
