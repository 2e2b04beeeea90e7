// @modelchain/api-bundle: what @polkadot/api needs for Modelchain's custom parts.
//
//   import { ApiPromise, WsProvider } from '@polkadot/api';
//   import { modelchainBundle, modelchainRpc } from '@modelchain/api-bundle';
//   const api = await ApiPromise.create({ provider: new WsProvider(url), ...modelchainBundle });
//   const health = await modelchainRpc(api).accountHealth(address);
//
// Calls, storage, events, errors, constants and runtime APIs come from the runtime's
// metadata (V15); the bundle adds the custom JSON-RPC methods (`rpc`), the runtime-API
// definitions generated from that metadata for clients that do not read V15 (`runtime`),
// and typed helpers.

import { rpc, rpcTypes } from './rpc.js';
import { runtime, runtimeTypes } from './runtime.js';

export { rpc, rpcTypes } from './rpc.js';
export { runtime, runtimeTypes } from './runtime.js';
export { FIXED, bigints, fixedToNumber, modelchainRpc } from './helpers.js';

/** Spread into `ApiPromise.create`: `{ rpc, types }`. */
export const modelchainBundle = { rpc, types: { ...rpcTypes } };

/** The same, with the generated runtime-API definitions and their types (pre-V15 clients). */
export const modelchainBundleWithRuntime = {
  rpc,
  runtime,
  types: { ...runtimeTypes, ...rpcTypes },
};
