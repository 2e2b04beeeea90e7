#!/usr/bin/env bash
# Re-runnable check of the models pallet's performance target: the execution time of
# `register_model` (no parents, empty metadata texts) against
# `pallet_balances::transfer_keep_alive`, measured by the same benchmarking binary in the
# same session. Prints min, median and the median ratio over REPEAT runs of each.
#
#   BENCH_NODE=/path/to/benchmarking/node REPEAT=300 bash scripts/compare-register-weight.sh
#
# Medians, not the CLI's means: on a shared 2-vCPU VM a few runs take 2-5x longer and
# drag the mean around by ±20% between sessions; the median moves by a few percent.
source "$(dirname "$0")/env.sh"
ensure_node_js
cd "$REPO_ROOT"
REPEAT="${REPEAT:-300}"
node_bin="${BENCH_NODE:-$CARGO_TARGET_DIR/release/modelchain-node}"
wasm="${BENCH_RUNTIME:-$CARGO_TARGET_DIR/release/wbuild/modelchain-runtime/modelchain_runtime.compact.compressed.wasm}"
out="$(mktemp -d)"
common=(--runtime "$wasm" --genesis-builder runtime --genesis-builder-preset development --steps 2 --repeat "$REPEAT")
"$node_bin" benchmark pallet "${common[@]}" --pallet pallet_modelchain_models --extrinsic register_model \
	--low 0,0 --high 0,0 --json-file "$out/register.json" >/dev/null
"$node_bin" benchmark pallet "${common[@]}" --pallet pallet_balances --extrinsic transfer_keep_alive \
	--json-file "$out/transfer.json" >/dev/null
node -e '
const fs = require("fs");
const stats = (f) => {
  const t = JSON.parse(fs.readFileSync(f))[0].time_results.map((r) => r.extrinsic_time).sort((a, b) => a - b);
  return { min: t[0] / 1e3, median: t[Math.floor(t.length / 2)] / 1e3, runs: t.length };
};
const r = stats(process.argv[1]), t = stats(process.argv[2]);
console.log(`register_model       min ${r.min.toFixed(1)} µs  median ${r.median.toFixed(1)} µs  (${r.runs} runs)`);
console.log(`transfer_keep_alive  min ${t.min.toFixed(1)} µs  median ${t.median.toFixed(1)} µs  (${t.runs} runs)`);
console.log(`ratio (median)       ${(r.median / t.median).toFixed(3)}`);
' "$out/register.json" "$out/transfer.json"
rm -rf "$out"
