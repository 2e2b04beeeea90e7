#!/usr/bin/env bash
# Runs every test: rustfmt, the node build, clippy with the workspace's no-panic lints, the
# Rust unit and integration tests (which run each pallet's try_state invariants), and the
# end-to-end tests that start the real node binary and drive it through @polkadot/api and
# polkadot-api (hostile RPC input included), the explorer dApp in headless Chromium,
# zombienet's three-validator smoke test and its validator-set scenario (a fourth validator
# joins through the chain DAO, then one of the first three leaves), and the upgrade
# rehearsal (try-runtime from the last release's state).
# Each phase prints its wall time, so a cold run doubles as the build-budget measurement
# in docs/performance.md.
source "$(dirname "$0")/env.sh"
cd "$REPO_ROOT"

ensure_protoc
ensure_rust
ensure_node_js
ensure_chromium

phase_start=$(date +%s)
phase() {
	local now
	now=$(date +%s)
	echo "==> [$((now - phase_start)) s] $*"
	phase_start=$now
}

phase "cargo fmt --check"
cargo fmt --all -- --check

# One profile (release) for everything: the tests below reuse what the build compiled.
phase "build the node"
build_node

phase "cargo clippy (workspace lints deny unwrap/expect/indexing/unchecked arithmetic)"
cargo clippy --release --locked --workspace --all-targets -- -D warnings

phase "cargo test --release --workspace"
cargo test --release --locked --workspace

phase "end-to-end tests (node $(NODE_BIN))"
# Whatever happens to the test runner, no node it started outlives this script.
trap 'pkill -f "^$(NODE_BIN) --dev --tmp" || true; pkill -f "^modelchain-node .*zombie-" || true' EXIT
# The explorer dApp (app/) is built first: its browser test serves app/dist.
(cd "$REPO_ROOT/app" && npm ci --no-audit --no-fund && npm run build)
cd "$REPO_ROOT/e2e"
npm ci --no-audit --no-fund
# The PAPI descriptors are generated from the runtime just built, so they always match it.
RUNTIME_WASM="$CARGO_TARGET_DIR/release/wbuild/modelchain-runtime/modelchain_runtime.compact.compressed.wasm" \
	npm run papi
MODELCHAIN_NODE="$(NODE_BIN)" \
	MODELCHAIN_UPGRADE_WASM="$CARGO_TARGET_DIR/release/wbuild/modelchain-runtime/upgrade_fixture.compact.compressed.wasm" \
	npm test

phase "zombienet: 3 validators on --chain local (zombienet/smoke-3.zndsl)"
cd "$REPO_ROOT/zombienet"
npm ci --no-audit --no-fund
bash "$REPO_ROOT/scripts/zombienet.sh" test smoke-3.zndsl

phase "zombienet: the validator set grows and shrinks through the chain DAO (zombienet/validator-set.zndsl)"
bash "$REPO_ROOT/scripts/zombienet.sh" test validator-set.zndsl

phase "upgrade rehearsal: try-runtime on-runtime-upgrade --checks all from release 113 (scripts/try-upgrade.sh)"
bash "$REPO_ROOT/scripts/try-upgrade.sh"
phase "all tests passed"
