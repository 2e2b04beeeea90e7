#!/usr/bin/env bash
# Runs zombienet (native provider, pinned @zombienet/cli from zombienet/package-lock.json)
# against the release build of modelchain-node.
#
#   bash scripts/zombienet.sh test smoke-3.zndsl    # spawn, run the assertions, tear down
#   bash scripts/zombienet.sh test smoke-4.zndsl
#   bash scripts/zombienet.sh spawn local-4.toml    # keep a network running (Ctrl-C stops it)
#
# Paths are relative to zombienet/. Build the node first (scripts/test.sh or dev-node.sh do).
source "$(dirname "$0")/env.sh"
ensure_node_js
bin="$(NODE_BIN)"
if [ ! -x "$bin" ]; then
	echo "modelchain-node not found at $bin; build it with: cargo build --release -p modelchain-node" >&2
	exit 1
fi
cd "$REPO_ROOT/zombienet"
if [ ! -x node_modules/.bin/zombienet ]; then
	npm ci --no-audit --no-fund
fi
# The network configs name the command `modelchain-node`; the native provider finds it on PATH.
export PATH="$(dirname "$bin"):$PATH"
exec node_modules/.bin/zombienet --provider native --logType text "$@"
