#!/usr/bin/env bash
# Regenerates every weight the runtime uses from measurements on this machine, then prints
# one table of them (scripts/weights-table.mjs).
#
#   bash scripts/bench-weights.sh                  # everything (about an hour on 2 cores)
#   bash scripts/bench-weights.sh models lending   # some groups only, then the table
#   bash scripts/bench-weights.sh table            # only the table, from the committed files
#   BENCH_NODE=/path/to/node bash scripts/bench-weights.sh ...   # reuse a benchmarking build
#   STORAGE_DB=/path/to/base-path bash scripts/bench-weights.sh storage
#
# Groups:
#   oracle models dao lending rwa validators   our pallets -> pallets/<name>/src/weights.rs (our template)
#   sdk                             every polkadot-sdk pallet in the runtime, the transaction
#                                   extensions of frame_system and transaction payment, the DEX
#                                   -> runtime/src/weights/<pallet>.rs (the CLI's template)
#   overhead                        block and extrinsic base weight (`benchmark overhead`)
#                                   -> runtime/src/weights/{block,extrinsic}_weights.rs
#   storage                         ParityDB read and write cost (`benchmark storage`)
#                                   -> runtime/src/weights/paritydb_weights.rs
#
# The benchmarking build (`--features runtime-benchmarks`) is separate from the default
# one: the first time it compiles frame-benchmarking-cli and its dependencies (about 13
# minutes more). `storage` measures the state of the database at STORAGE_DB (a node's
# base path, for example the one `bash bench/run.sh` leaves), else it first loads a dev
# chain with the load generator (transfers and licences: about 115,000 keys).
source "$(dirname "$0")/env.sh"
ensure_protoc
ensure_rust
ensure_node_js
cd "$REPO_ROOT"

STEPS="${STEPS:-20}"
REPEAT="${REPEAT:-10}"
groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(oracle models dao lending rwa validators sdk overhead storage)

only_table=0
[ "${groups[*]}" = table ] && only_table=1

node="${BENCH_NODE:-}"
if [ "$only_table" = 0 ] && [ -z "$node" ]; then
	cargo build --release -p modelchain-node --features runtime-benchmarks
	node="$CARGO_TARGET_DIR/release/modelchain-node"
fi
if [ "$only_table" = 0 ]; then
	# Run from copies: a build in the same target dir during the hour-long run must not swap
	# the binary or the wasm under it.
	work="$(mktemp -d)"
	trap 'rm -rf "$work"' EXIT
	cp "$node" "$work/modelchain-node"
	cp "$(dirname "$node")/wbuild/modelchain-runtime/modelchain_runtime.compact.compressed.wasm" \
		"$work/runtime.wasm"
	node="$work/modelchain-node"
	wasm="$work/runtime.wasm"
fi

# The polkadot-sdk pallets of the runtime. The DEX's pool-token instance of pallet-assets
# uses the weights measured for the main instance (same code and storage layout; its create
# origin is `NeverEnsureOrigin`, so the pallet's own setup can't run for it).
SDK_PALLETS=(frame_system frame_system_extensions pallet_balances pallet_timestamp
	pallet_transaction_payment pallet_sudo pallet_assets pallet_utility pallet_scheduler
	pallet_preimage pallet_asset_conversion)

bench_pallet() { # pallet output [extra args...]
	local pallet="$1" output="$2"
	shift 2
	echo "==> benchmark pallet $pallet -> $output"
	"$node" benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder runtime --genesis-builder-preset development \
		--pallet "$pallet" --extrinsic '*' \
		--steps "$STEPS" --repeat "$REPEAT" \
		--output "$output" "$@"
}

for group in "${groups[@]}"; do
	case "$group" in
	table) ;;
	oracle | models | dao | lending | rwa | validators)
		bench_pallet "pallet_modelchain_$group" "pallets/$group/src/weights.rs" \
			--template .maintain/weight-template.hbs
		;;
	sdk)
		for pallet in "${SDK_PALLETS[@]}"; do
			bench_pallet "$pallet" "runtime/src/weights/$pallet.rs"
		done
		# GRANDPA's WeightInfo is composed by hand from two measured parts
		# (runtime/src/weights/grandpa.rs): measure them and show them.
		grandpa_out="$(mktemp)"
		bench_pallet pallet_grandpa "$grandpa_out" >/dev/null
		echo "==> pallet_grandpa, for runtime/src/weights/grandpa.rs:"
		grep -E "fn |Weight::from_parts\(|writes\(" "$grandpa_out"
		rm -f "$grandpa_out"
		;;
	overhead)
		echo "==> benchmark overhead -> runtime/src/weights/{block,extrinsic}_weights.rs"
		"$node" benchmark overhead --dev --weight-path runtime/src/weights
		;;
	storage)
		db="${STORAGE_DB:-}"
		if [ -z "$db" ]; then
			# A loaded chain: the load generator's transfers and licences (about 115,000
			# keys), run by this same binary, its database kept.
			echo "==> loading a dev chain for the storage benchmark (bench/run.sh)"
			MODELCHAIN_NODE="$node" bash bench/run.sh --only transfers,licences >"$work/load.log"
			db="$(sed -n 's/^base path: //p' "$work/load.log" | tail -1)"
			[ -d "$db" ] || { echo "the load generator left no database:" >&2; tail -20 "$work/load.log" >&2; exit 1; }
		fi
		db_args=(--dev --base-path "$db")
		echo "==> benchmark storage (${db_args[*]}) -> runtime/src/weights/paritydb_weights.rs"
		# Reads one key at a time (cold, through the trie); writes in batches of 10,000 keys,
		# about what a full block commits; both × 1.5, the spread between the reads' average
		# and their 99th percentile (docs/performance.md, "What changed, and the margins kept").
		"$node" benchmark storage "${db_args[@]}" --state-version 1 \
			--batch-size 10000 --mul 1.5 --weight-path runtime/src/weights 2>&1 |
			tee "$work/storage.log" | grep -E "Reading|Writing|Average"
		keys="$(sed -n 's/.*Reading \([0-9]*\) keys.*/\1/p' "$work/storage.log" | tail -1)"
		if [ "${keys:-0}" -lt 50000 ]; then
			echo "only ${keys:-0} keys in $db: too small a state to price storage (want 50,000+)" >&2
			exit 1
		fi
		[ -z "${STORAGE_DB:-}" ] && rm -rf "$db"
		;;
	*)
		echo "unknown group '$group' (oracle models dao lending rwa sdk overhead storage table)" >&2
		exit 2
		;;
	esac
done
[ "$only_table" = 0 ] && cargo fmt --all

node scripts/weights-table.mjs
