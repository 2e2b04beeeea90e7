#!/usr/bin/env bash
# Rehearses a runtime upgrade with try-runtime before it is proposed: every migration with its
# pre- and post-upgrade checks, then every pallet's try_state invariants (`--checks all`), on
# a live chain's state. Nothing is written to any chain.
#
#   bash scripts/try-upgrade.sh
#       The previous release (runtime/releases/, spec 113) runs a dev chain until the node's
#       demo content is in (three models with a lineage, licences, lending supplies and a
#       borrow, a DAO stake and an open proposal); the node stops; this tree's runtime is
#       then rehearsed on that state.
#   bash scripts/try-upgrade.sh --chain <spec.json> --base-path <copy of a node's base path>
#       Rehearses on a real node's state (stop the node, or copy its base path, first: the
#       database is opened directly).
#
# The runtime rehearsed is this tree's, built with `try-runtime`
# (wbuild/modelchain-runtime/try_runtime.compact.compressed.wasm; built here when missing:
# MODELCHAIN_TRY_RUNTIME=1 makes the runtime's build emit it, about 6 minutes more).
source "$(dirname "$0")/env.sh"
cd "$REPO_ROOT"

release_wasm="${RELEASE_WASM:-$REPO_ROOT/runtime/releases/modelchain-runtime-113.compact.compressed.wasm}"
try_wasm="$CARGO_TARGET_DIR/release/wbuild/modelchain-runtime/try_runtime.compact.compressed.wasm"
chain="" base_path=""
while [ $# -gt 0 ]; do
	case "$1" in
	--chain) chain="$2"; shift 2 ;;
	--base-path) base_path="$2"; shift 2 ;;
	*) echo "unknown argument: $1" >&2; exit 2 ;;
	esac
done

if [ ! -f "$try_wasm" ] || [ ! -x "$(NODE_BIN)" ]; then
	ensure_protoc
	ensure_rust
	echo "==> building the node and the try-runtime wasm"
	MODELCHAIN_TRY_RUNTIME=1 cargo build --release --locked -p modelchain-node
fi
node_bin="$(NODE_BIN)"

work="$(mktemp -d)"
node_pid=""
cleanup() {
	[ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

if [ -z "$chain" ]; then
	ensure_node_js
	echo "==> a dev chain on the previous release ($(basename "$release_wasm"))"
	"$node_bin" build-spec --dev --disable-default-bootnode > "$work/dev.json" 2>/dev/null
	node scripts/try-upgrade-spec.mjs "$work/dev.json" "$release_wasm" > "$work/release-dev.json"
	chain="$work/release-dev.json"
	base_path="$work/db"
	# --alice on a spec whose id is the dev chain's: the node seeds its demo content.
	"$node_bin" --chain "$chain" --alice --validator --base-path "$base_path" --rpc-port 0 \
		--unsafe-force-node-key-generation \
		--port 0 --no-prometheus --no-telemetry --no-mdns > "$work/node.log" 2>&1 &
	node_pid=$!
	for _ in $(seq 1 60); do
		grep -q "Demo content seeded" "$work/node.log" && break
		if grep -q "Demo content: step" "$work/node.log" || ! kill -0 "$node_pid" 2>/dev/null; then
			tail -40 "$work/node.log" >&2
			echo "the release's dev chain did not seed its demo content" >&2
			exit 1
		fi
		sleep 5
	done
	grep -q "Demo content seeded" "$work/node.log" || { tail -40 "$work/node.log" >&2; echo "no demo content after 5 minutes" >&2; exit 1; }
	grep -o "Imported #[0-9]*" "$work/node.log" | tail -1
	kill -TERM "$node_pid"
	wait "$node_pid" || true
	node_pid=""
fi

echo "==> try-runtime on-runtime-upgrade --checks all"
"$node_bin" try-upgrade --chain "$chain" --base-path "$base_path" --runtime "$try_wasm" --checks all
