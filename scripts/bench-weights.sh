#!/usr/bin/env bash
# Regenerates the weights of Modelchain's own pallets from measurements.
#
#   bash scripts/benchmark.sh                 # every Modelchain pallet
#   bash scripts/benchmark.sh models          # one pallet (oracle | models | dao | lending | rwa)
#   bash scripts/benchmark.sh dex             # the DEX (pallet-asset-conversion) in our runtime
#   BENCH_NODE=/path/to/node bash scripts/benchmark.sh   # reuse a benchmark build
#
# Builds the node with `--features runtime-benchmarks` (a separate feature set: the first
# build compiles frame-benchmarking-cli and its dependencies), runs `benchmark pallet` for
# each pallet with our template, and writes `pallets/<name>/src/weights.rs`. It also
# measures `pallet_balances::transfer_keep_alive` in the same run, the yardstick that
# docs/performance.md compares `register_model` against.
source "$(dirname "$0")/env.sh"
ensure_protoc
ensure_rust
cd "$REPO_ROOT"

STEPS="${STEPS:-20}"
REPEAT="${REPEAT:-10}"
pallets=("${@:-oracle models dao lending rwa dex}")
read -r -a pallets <<<"${pallets[*]}"

node="${BENCH_NODE:-}"
if [ -z "$node" ]; then
	cargo build --release -p modelchain-node --features runtime-benchmarks
	node="$CARGO_TARGET_DIR/release/modelchain-node"
fi

for name in "${pallets[@]}"; do
	if [ "$name" = dex ]; then
		# An upstream pallet: the CLI's own template writes its WeightInfo for our runtime.
		echo "==> benchmarking pallet_asset_conversion"
		"$node" benchmark pallet \
			--runtime "$CARGO_TARGET_DIR/release/wbuild/modelchain-runtime/modelchain_runtime.compact.compressed.wasm" \
			--genesis-builder runtime --genesis-builder-preset development \
			--pallet pallet_asset_conversion --extrinsic '*' \
			--steps "$STEPS" --repeat "$REPEAT" \
			--output runtime/src/weights/pallet_asset_conversion.rs
		continue
	fi
	echo "==> benchmarking pallet_modelchain_$name"
	"$node" benchmark pallet \
		--runtime "$CARGO_TARGET_DIR/release/wbuild/modelchain-runtime/modelchain_runtime.compact.compressed.wasm" \
		--genesis-builder runtime --genesis-builder-preset development \
		--pallet "pallet_modelchain_$name" --extrinsic '*' \
		--steps "$STEPS" --repeat "$REPEAT" \
		--template .maintain/weight-template.hbs \
		--output "pallets/$name/src/weights.rs"
done
cargo fmt --all

echo "==> yardstick: pallet_balances::transfer_keep_alive"
"$node" benchmark pallet \
	--runtime "$CARGO_TARGET_DIR/release/wbuild/modelchain-runtime/modelchain_runtime.compact.compressed.wasm" \
	--genesis-builder runtime --genesis-builder-preset development \
	--pallet pallet_balances --extrinsic transfer_keep_alive \
	--steps "$STEPS" --repeat "$REPEAT" 2>&1 | grep -E "Time|Reads|Writes|µs|Extrinsic" || true
