#!/usr/bin/env bash
# Issue 21's scale test: does any call or hook cost more as the chain grows?
#
# Runs the `extra` scale benchmarks (not weights) with a benchmarking build:
#   pallet_modelchain_lending::borrow_among           a = 10 .. 10,000 accounts with
#                                                     positions, m = MaxPositions .. 32 markets
#   pallet_modelchain_models::purchase_license_among  m = 10 .. 1,000 other models; the bought
#                                                     model has a lineage of depth 8
#   pallet_modelchain_dao::on_initialize_among        p = 10 .. 1,000 open proposals; the hook
#                                                     enacts one queued proposal
# (the DAO's is the only custom `on_initialize`), each at both ends of each component, and
# checks with scripts/scale-check.mjs that the storage reads and writes are identical and
# that the time at the top end grows by no more than the state's trie does (measured by a
# control, lending's borrow_among_holders: the same borrow among accounts with no lending
# state), plus noise.
#
#   bash scripts/scale-check.sh                     # builds the benchmarking node if needed
#   BENCH_NODE=/path/to/node bash scripts/scale-check.sh
#   REPEAT=20 bash scripts/scale-check.sh
#
# About 15 minutes on the reference machine (2 cores), most of it setting up 10,000 borrowers.
source "$(dirname "$0")/env.sh"
ensure_protoc
ensure_rust
ensure_node_js
cd "$REPO_ROOT"

REPEAT="${REPEAT:-10}"
node="${BENCH_NODE:-}"
if [ -z "$node" ]; then
	cargo build --release -p modelchain-node --features runtime-benchmarks
	node="$CARGO_TARGET_DIR/release/modelchain-node"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The results stay, for `node scripts/scale-check.mjs $CARGO_TARGET_DIR/scale-check/*.json`.
keep="$CARGO_TARGET_DIR/scale-check"
mkdir -p "$keep"
cp "$node" "$work/modelchain-node"
cp "$(dirname "$node")/wbuild/modelchain-runtime/modelchain_runtime.compact.compressed.wasm" \
	"$work/runtime.wasm"

results=()
for target in pallet_modelchain_models:purchase_license_among \
	pallet_modelchain_dao:on_initialize_among \
	pallet_modelchain_lending:borrow_among \
	pallet_modelchain_lending:borrow_among_holders; do
	pallet="${target%%:*}"
	extrinsic="${target##*:}"
	out="$keep/$extrinsic.json"
	echo "==> $pallet::$extrinsic (both ends of each component, $REPEAT repeats)"
	"$work/modelchain-node" benchmark pallet \
		--runtime "$work/runtime.wasm" \
		--genesis-builder runtime --genesis-builder-preset development \
		--pallet "$pallet" --extrinsic "$extrinsic" --extra \
		--steps 2 --repeat "$REPEAT" --json-file "$out" >"$work/$extrinsic.log" 2>&1 ||
		{ tail -30 "$work/$extrinsic.log" >&2; exit 1; }
	results+=("$out")
done
node scripts/scale-check.mjs "${results[@]}"
