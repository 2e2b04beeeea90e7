// Typed helpers over the custom RPCs (`rpc.js`). Each returns the node's JSON answer with
// every decimal string turned into a BigInt: balances in the asset's smallest unit, and
// fixed-point values (prices, rates, indices, health factors) as value × 10^18 (`FIXED`).
// The types are in `index.d.ts`.

/** The fixed-point scale of prices, rates and health factors: 10^18 is 1.0. */
export const FIXED = 10n ** 18n;

const DECIMAL = /^[0-9]+$/;
/** Fields the node writes as decimal *text* (the oracle's exact values): never converted. */
const TEXT_FIELDS = new Set(['value', 'dispersion']);

/**
 * A JSON answer with every integer string (balances, fixed-point values, model ids) turned
 * into a BigInt, nested ones included, except the oracle's decimal-text fields.
 */
export function bigints(value, key = '') {
  if (typeof value === 'string' && DECIMAL.test(value) && !TEXT_FIELDS.has(key)) return BigInt(value);
  if (Array.isArray(value)) return value.map((v) => bigints(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bigints(v, k)]));
  }
  return value;
}

/** A fixed-point BigInt (× 10^18) as a JS number, for display only. */
export function fixedToNumber(x) {
  if (x === null || x === undefined) return null;
  const whole = x / FIXED;
  const frac = x % FIXED;
  return Number(whole) + Number(frac) / 1e18;
}

const idText = (id) => String(id);
// The node's JSON for a lending asset: "native", { "asset": 1 } or { "modelShares": "7" }
// (model ids travel as decimal strings: ids above 2^53 do not fit a JS number).
const lendingAsset = (asset) => {
  if (asset === 'native' || asset === 'Native' || (asset && typeof asset === 'object' && ('native' in asset || 'Native' in asset))) return 'native';
  if (typeof asset === 'number' || typeof asset === 'bigint') return { asset: Number(asset) };
  if (asset && (asset.asset ?? asset.Asset) !== undefined) return { asset: Number(asset.asset ?? asset.Asset) };
  if (asset && (asset.modelShares ?? asset.ModelShares) !== undefined) return { modelShares: idText(asset.modelShares ?? asset.ModelShares) };
  return asset;
};
// "chain" or { "model": "7" }.
const daoScope = (scope) => {
  if (scope === 'chain' || scope === 'Chain' || (scope && typeof scope === 'object' && ('chain' in scope || 'Chain' in scope))) return 'chain';
  if (scope && (scope.model ?? scope.Model) !== undefined) return { model: idText(scope.model ?? scope.Model) };
  return scope;
};
// An oracle key with its model id as a decimal string.
const oracleKey = (key) => (key && key.modelMetric
  ? { modelMetric: { ...key.modelMetric, model: idText(key.modelMetric.model) } }
  : key);
const pageParam = (page) => (page ? {
  startAfter: page.startAfter === null || page.startAfter === undefined ? null : idText(page.startAfter),
  limit: page.limit ?? null,
} : null);

/**
 * Typed helpers over an `ApiPromise` or a provider (`WsProvider`, `HttpProvider`: anything
 * with `send(method, params)`): they send the node exactly the JSON it reads and return its
 * answer with BigInts. `at` is an optional block hash; without it the node answers at its
 * best block.
 */
export function modelchainRpc(apiOrProvider) {
  // ApiPromise keeps its provider on its RPC core; it has no public getter for it.
  const provider = typeof apiOrProvider.send === 'function' ? apiOrProvider : apiOrProvider._rpcCore?.provider;
  if (!provider) throw new Error('modelchainRpc: pass an ApiPromise or its WsProvider');
  const call = async (method, ...params) => bigints(await provider.send(method, params));
  return {
    model: (id, at = null) => call('models_getModel', idText(id), at),
    lineage: (id, at = null) => call('models_getLineage', idText(id), at),
    licenseStatus: (id, who, at = null) => call('models_licenseStatus', idText(id), who, at),
    claimableRevenue: (id, who, at = null) => call('models_claimableRevenue', idText(id), who, at),
    shares: (id, who, at = null) => call('models_shares', idText(id), who, at),
    listModels: (filter, page, at = null) => call('models_listModels', filter, pageParam(page), at),
    licenses: (who, page, at = null) => call('models_licenses', who, pageParam(page), at),
    oracleValue: (key, at = null) => call('oracle_getValue', oracleKey(key), at),
    oracleValues: (at = null) => call('oracle_getAllValues', at),
    proposal: (id, at = null) => call('dao_getProposal', Number(id), at),
    votingPower: (scope, who, at = null) => call('dao_votingPower', daoScope(scope), who, at),
    accountHealth: (who, at = null) => call('lending_accountHealth', who, at),
    market: (asset, at = null) => call('lending_market', lendingAsset(asset), at),
  };
}
