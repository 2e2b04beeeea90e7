// Writes the development chain spec as a previous runtime release would have built it:
// this node's `build-spec --dev` output with the release's wasm as the genesis code and
// its genesis patch rewritten to the release's layout.
//
//   node scripts/try-upgrade-spec.mjs <build-spec --dev output> <release wasm> > old-dev.json
//
// Release 113 (runtime/releases/modelchain-runtime-113.compact.compressed.wasm) predates
// sessions: its Aura and GRANDPA authorities are in their own genesis lists, and it has no
// `session` or `validatorSet`. A later release that changes a preset adds its rewrite here.

import { readFileSync } from 'node:fs';

const [specPath, wasmPath] = process.argv.slice(2);
if (!specPath || !wasmPath) {
  console.error('usage: node scripts/try-upgrade-spec.mjs <spec.json> <release.wasm>');
  process.exit(2);
}
const spec = JSON.parse(readFileSync(specPath, 'utf8'));
const genesis = spec.genesis.runtimeGenesis;
genesis.code = `0x${readFileSync(wasmPath).toString('hex')}`;
const patch = genesis.patch;
// Session keys become the authorities, in their order (GRANDPA weight 1 each).
const keys = patch.session?.keys ?? [];
if (keys.length === 0) throw new Error('the dev spec names no session keys');
patch.aura = { authorities: keys.map(([, , k]) => k.aura) };
patch.grandpa = { authorities: keys.map(([, , k]) => [k.grandpa, 1]) };
delete patch.session;
delete patch.validatorSet;
process.stdout.write(JSON.stringify(spec, null, 2));
