#!/usr/bin/env bash
# Runs the load generator (bench/load.js) against the release node binary:
#   bash bench/run.sh [--only transfers,lending] [--count N] [--connections N] [--keep] [--clean]
# The node is $MODELCHAIN_NODE, else the release build in $CARGO_TARGET_DIR (built first if
# it is missing, as `scripts/test.sh` does).
# Needs Node.js >= 20.19 (scripts/env.sh's ensure_node_js checks it, installing Debian's
# nodejs if there is none). Installs bench/node_modules from the lock file if missing.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../scripts/env.sh
source "$BENCH_DIR/../scripts/env.sh"
ensure_node_js

if [ -z "${MODELCHAIN_NODE:-}" ]; then
	MODELCHAIN_NODE="$(NODE_BIN)"
	[ -x "$MODELCHAIN_NODE" ] || build_node
fi
export MODELCHAIN_NODE
if [ ! -x "$MODELCHAIN_NODE" ]; then
	echo "modelchain-node not found at $MODELCHAIN_NODE" >&2
	exit 1
fi

if [ ! -d "$BENCH_DIR/node_modules" ]; then
	echo "==> npm ci in bench/"
	(cd "$BENCH_DIR" && npm ci --no-audit --no-fund)
fi

# load.js prints the results table (and writes bench/results/latest.json) itself.
exec node "$BENCH_DIR/load.js" "$@"
