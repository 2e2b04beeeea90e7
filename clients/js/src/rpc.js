// Modelchain's custom JSON-RPC methods, as @polkadot/api `rpc` definitions.
//
// Every answer is JSON built by the node (`node/src/*_rpc.rs`): balances are decimal
// strings, fixed-point values are the integer string of value × 10^18, accounts are SS58.
// The result types keep that JSON: `Json` for an object, `Vec<Json>` for a list,
// `Option<Json>` for an object or null, `Text` for a decimal string; so
// `(await api.rpc.lending.accountHealth(who)).toJSON()` is the node's object. The helpers in
// `helpers.js` read the same methods raw and turn the decimal strings into BigInts.
//
// Parameter types are chosen so that @polkadot/api writes exactly the JSON the node reads:
// model ids as decimal `Text`, proposal ids as `u32` (ids above 2^53 do not fit a JS number), accounts
// as `AccountId` (SS58), and the enums below, whose JSON is `{ "native": null }`,
// `{ "asset": 1 }`, `{ "chain": null }`, `{ "model": 7 }`.

/** Types the RPC parameters need (not the runtime's own types: those come from metadata). */
export const rpcTypes = {
  // Model ids as decimal text: @polkadot/api writes a u64 above 2^52 as hex, which the
  // node does not read.
  RpcLendingAsset: { _enum: { Native: 'Null', Asset: 'u32', ModelShares: 'Text' } },
  RpcDaoScope: { _enum: { Chain: 'Null', Model: 'Text' } },
  RpcLicenseStatus: {
    _enum: {
      UnknownModel: 'Null',
      Free: 'Null',
      None: 'Null',
      Valid: { expiresAt: 'Option<u32>', usesLeft: 'u32', commercialUse: 'bool' },
      Expired: 'Null',
      Revoked: 'Null',
    },
  },
};

const at = { name: 'at', type: 'BlockHash', isOptional: true };
const id = (name = 'id') => ({ name, type: 'Text' });
const account = { name: 'account', type: 'AccountId' };
const page = { name: 'page', type: 'Json', isOptional: true };
const method = (description, params, type = 'Json') => ({ description, params: [...params, at], type });

/** `rpc` definitions: pass as `ApiPromise.create({ provider, rpc })`. */
export const rpc = {
  models: {
    getModel: method('A model with its versions, terms and revenue totals, or null.', [id()], 'Option<Json>'),
    getLineage: method('Every lineage edge above a model, breadth first.', [id()], 'Vec<Json>'),
    licenseStatus: method('Whether an account may use a model.', [id(), account], 'RpcLicenseStatus'),
    claimableRevenue: method('What claim_revenue would pay an account now (decimal string).', [id(), account], 'Text'),
    shares: method('An account\'s shares of a model and how many are locked.', [id(), account]),
    listModels: method(
      'Models an account owns ({ owner }) or holds shares of ({ holder }), one page at a time.',
      [{ name: 'filter', type: 'Json' }, page],
    ),
    licenses: method('Licences an account holds, with status, one page at a time.', [account, page]),
  },
  oracle: {
    getValue: method(
      'One key\'s status and, when current, its value. Key: { assetPrice: n } or { modelMetric: { model, version, metric } }.',
      [{ name: 'key', type: 'Json' }],
    ),
    getAllValues: method('Every configured oracle key with its status and value.', [], 'Vec<Json>'),
  },
  dao: {
    getProposal: method('A proposal\'s scope, tally, quorum still needed, end and status, or null.', [{ name: 'id', type: 'u32' }], 'Option<Json>'),
    votingPower: method(
      'An account\'s voting power for a proposal made now, and what it could lock for a vote.',
      [{ name: 'scope', type: 'RpcDaoScope' }, account],
    ),
  },
  lending: {
    accountHealth: method(
      'Collateral value, borrow and liquidation limits, debt, health factor and positions of an account.',
      [account],
    ),
    market: method(
      'A market\'s utilisation, rates, APYs, cash, borrows, reserves, deficit and price, or null.',
      [{ name: 'asset', type: 'RpcLendingAsset' }],
      'Option<Json>',
    ),
  },
};
