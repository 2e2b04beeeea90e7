# Shared environment for the build and test scripts. Source it; don't run it.
#
# Installs what a fresh Debian machine (rustup, cargo and gcc only) lacks, and sets the
# cargo environment every script uses, so building and testing share one profile and one
# target directory.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT
# The runtime's wasm build must find the workspace's Cargo.lock even when the target dir is
# elsewhere.
export WASM_BUILD_WORKSPACE_HINT="$REPO_ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# frame-benchmarking-cli carries a Cumulus-based test runtime that it compiles to wasm for
# `benchmark storage --validate-block`; we don't use that mode, and skipping it saves a
# second runtime wasm build.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
# Also build the runtime-upgrade fixture (the runtime with spec_version + 1) for the
# governed-upgrade e2e test; set for every script so that builds never flip between the two.
export MODELCHAIN_UPGRADE_FIXTURE=1
# And the runtime built with `try-runtime`, for the upgrade rehearsal (scripts/try-upgrade.sh);
# likewise set everywhere, so that it always matches the runtime it was built with.
export MODELCHAIN_TRY_RUNTIME=1

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		echo "need root to run: $*" >&2; return 1; fi
}

apt_install() {
	if ! as_root apt-get install -y --no-install-recommends "$@"; then
		as_root apt-get update
		as_root apt-get install -y --no-install-recommends "$@"
	fi
}

ensure_protoc() {
	# litep2p's build script compiles protobuf definitions.
	if ! command -v protoc >/dev/null; then
		echo "==> installing protobuf-compiler (protoc)"
		apt_install protobuf-compiler
	fi
}

ensure_rust() {
	# rust-toolchain.toml pins the compiler, the wasm target and rust-src; rustup installs
	# whatever part of it is missing.
	(cd "$REPO_ROOT" && rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install)
	local targets
	targets="$(cd "$REPO_ROOT" && rustup target list --installed)"
	if ! grep -q wasm32v1-none <<<"$targets"; then
		(cd "$REPO_ROOT" && rustup target add wasm32v1-none)
	fi
	if ! (cd "$REPO_ROOT" && rustup component list --installed | grep -q rust-src); then
		(cd "$REPO_ROOT" && rustup component add rust-src)
	fi
}

ensure_node_js() {
	if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
		echo "==> installing Node.js and npm"
		apt_install nodejs npm
	fi
	# Vite 7, playwright-core, polkadot-api and @noble/hashes 2 need Node >= 20.19. This
	# machine kind ships NodeSource's 20.20; Debian 12's own package is 18, too old.
	local version
	version="$(node -p 'process.versions.node')"
	if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
		echo "Node.js $version is too old: the dApp and the JS tests need >= 20.19 (NodeSource's nodejs 20.x or 22.x)" >&2
		return 1
	fi
}

ensure_chromium() {
	# The explorer's browser test drives Debian's Chromium through playwright-core (which
	# downloads no browser of its own).
	if ! command -v chromium >/dev/null; then
		echo "==> installing chromium (explorer browser test)"
		apt_install chromium
	fi
}

build_node() {
	ensure_protoc
	ensure_rust
	echo "==> cargo build --release -p modelchain-node"
	(cd "$REPO_ROOT" && cargo build --release --locked -p modelchain-node)
}

NODE_BIN() { echo "$CARGO_TARGET_DIR/release/modelchain-node"; }
