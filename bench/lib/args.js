// Command-line options of the load generator.

export const PRODUCTS = ['transfers', 'lending', 'oracle', 'licences-root', 'licences', 'licences-worst', 'dao'];

const USAGE = `usage: node bench/load.js [options]

  --only <p[,p]>     products to run, in this order: ${PRODUCTS.join(', ')} (default: all)
  --count N          extrinsics pre-signed and submitted per product (default 8400)
  --connections N    WebSocket connections used to submit them (default 16)
  --keep             leave the node running at the end and print its ws url
  --clean            delete the node's base path at the end (kept by default)
  --help             this text

Environment: MODELCHAIN_NODE (the node binary; default
$CARGO_TARGET_DIR/release/modelchain-node, CARGO_TARGET_DIR defaulting to target/).`;

function positiveInt(flag, raw) {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} wants a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}

/** Parses `argv` (without node and script); throws on anything unknown. */
export function parseArgs(argv) {
  const opts = { only: [...PRODUCTS], count: 8400, connections: 16, keep: false, clean: false, help: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      i += 1;
      if (i >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[i];
    };
    switch (flag) {
      case '--only': {
        const names = value().split(',').map((s) => s.trim()).filter(Boolean);
        const unknown = names.filter((n) => !PRODUCTS.includes(n));
        if (unknown.length) throw new Error(`unknown product(s) ${unknown.join(', ')}; known: ${PRODUCTS.join(', ')}`);
        if (names.length === 0) throw new Error('--only names no product');
        // Run in the canonical order, so that the transfers row (the ratio base) comes first.
        opts.only = PRODUCTS.filter((p) => names.includes(p));
        break;
      }
      case '--count': opts.count = positiveInt(flag, value()); break;
      case '--connections': opts.connections = positiveInt(flag, value()); break;
      case '--keep': opts.keep = true; break;
      case '--clean': opts.clean = true; break;
      case '--help': case '-h': opts.help = true; break;
      default: throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  if (opts.keep && opts.clean) throw new Error('--keep and --clean exclude each other (the running node uses the base path)');
  return opts;
}

export { USAGE };
