#!/usr/bin/env bash
# Re-runnable check of the performance targets that compare our calls with
# `pallet_balances::transfer_keep_alive`, measured by the same benchmarking binary in the
# same session:
#   - models `register_model` (the reveal; no parents, texts, tags or datasets) target < 1.0×
#   - dao `vote` that locks stake (Chain scope, no delegators)  target ≤ 1.2×
#   - dao `vote_model` that locks shares (Model scope)          target ≤ 1.2×
#   - lending `borrow` (one collateral market, one debt)   target ≤ 1.6×
#   - lending `liquidate` (the same two positions)         target ≤ 2.7×
# Prints min and median execution time over REPEAT runs of each, the median ratios (the
# verdict) and the min-to-min ratios (steadier between runs on a shared VM).
#
#   BENCH_NODE=/path/to/benchmarking/node REPEAT=300 bash scripts/compare-weights.sh
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
"$node_bin" benchmark pallet "${common[@]}" --pallet pallet_balances --extrinsic transfer_keep_alive \
	--json-file "$out/transfer.json" >/dev/null
"$node_bin" benchmark pallet "${common[@]}" --pallet pallet_modelchain_models --extrinsic register_model \
	--low 0,0,0,0 --high 0,0,0,0 --json-file "$out/register.json" >/dev/null
"$node_bin" benchmark pallet "${common[@]}" --pallet pallet_modelchain_dao --extrinsic vote \
	--low 0 --high 0 --json-file "$out/vote.json" >/dev/null
"$node_bin" benchmark pallet "${common[@]}" --pallet pallet_modelchain_dao --extrinsic vote_model \
	--low 0 --high 0 --json-file "$out/vote_model.json" >/dev/null
for call in borrow liquidate; do
	"$node_bin" benchmark pallet "${common[@]}" --pallet pallet_modelchain_lending --extrinsic "$call" \
		--low 2 --high 2 --json-file "$out/$call.json" >/dev/null
done
node -e '
const fs = require("fs");
const stats = (f) => {
  const t = JSON.parse(fs.readFileSync(f))[0].time_results.map((r) => r.extrinsic_time).sort((a, b) => a - b);
  return { min: t[0] / 1e3, median: t[Math.floor(t.length / 2)] / 1e3, runs: t.length };
};
const [dir] = process.argv.slice(1);
const t = stats(`${dir}/transfer.json`);
const line = (name, s) => console.log(`${name.padEnd(22)} min ${s.min.toFixed(1)} µs  median ${s.median.toFixed(1)} µs  (${s.runs} runs)`);
line("transfer_keep_alive", t);
for (const [name, file, target] of [
  ["register_model", "register", 1.0],
  ["dao vote (chain)", "vote", 1.2],
  ["dao vote (model)", "vote_model", 1.2],
  ["lending borrow", "borrow", 1.6],
  ["lending liquidate", "liquidate", 2.7],
]) {
  const s = stats(`${dir}/${file}.json`);
  line(name, s);
  const ratio = s.median / t.median;
  const minRatio = s.min / t.min;
  console.log(`${"".padEnd(22)} ratio (median) ${ratio.toFixed(3)}, target ≤ ${target}: ${ratio <= target ? "met" : "MISSED"}; min-to-min ${minRatio.toFixed(3)}`);
}
' "$out"
rm -rf "$out"
