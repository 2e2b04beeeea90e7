// Regenerates clients/js/src/runtime.js and clients/js/apps-types.json from a running node's metadata:
//   node e2e/scripts/generate-client-bundle.js [ws://127.0.0.1:9944]
// Run it after changing a runtime API or a type it returns; the bundle's e2e test fails
// until the checked-in file matches the runtime.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { blake2AsHex } from '@polkadot/util-crypto';
import { runtimeDefinitions, runtimeModule } from '../../clients/js/src/generate.js';
import { rpcTypes } from '../../clients/js/src/rpc.js';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
const definitions = runtimeDefinitions(api, (name) => blake2AsHex(name, 64));
const out = fileURLToPath(new URL('../../clients/js/src/runtime.js', import.meta.url));
writeFileSync(out, runtimeModule(definitions));
// What Polkadot.js Apps takes in Settings → Developer: every type of the bundle, by name.
const apps = fileURLToPath(new URL('../../clients/js/apps-types.json', import.meta.url));
writeFileSync(apps, `${JSON.stringify({ ...definitions.runtimeTypes, ...rpcTypes }, null, 2)}\n`);
console.log(`wrote ${out} and ${apps}`);
await api.disconnect();
