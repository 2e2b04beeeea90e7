#!/usr/bin/env bash
# Builds the node (installing what is missing) and starts a development chain:
# one validator (Alice), blocks every 6 s, finalised by GRANDPA, state in a temporary
# directory, RPC at ws://127.0.0.1:9944, and the dev preset's prices fed every block by the
# node's own demo source (off with --no-demo-prices). Extra arguments go to the node, e.g.
#   scripts/dev-node.sh --sealing instant
source "$(dirname "$0")/env.sh"
build_node
echo "==> starting modelchain-node --dev (RPC ws://127.0.0.1:9944)"
exec "$(NODE_BIN)" --dev --tmp --rpc-port 9944 "$@"
