// Helpers for models end-to-end tests: commit–reveal registration, the terms and metadata
// builders, transaction senders that report a dispatch error instead of throwing (so a
// test can assert what a failed call cost), Root calls through sudo, and balance and hold
// reads.
//
// Registration (pallets/models/src/registry.rs) is two calls:
// 1. `models.commitRegistration(commitment)`, where commitment =
//    blake2_256(SCALE(content_hash: H256, registrant: AccountId32, salt: H256)), i.e. the
//    BLAKE2-256 of the 96 bytes hash ‖ account ‖ salt; it holds `CommitDeposit` (1 MDL);
// 2. at least `MinCommitAge` (1) block later, `models.registerModel(contentHash, salt,
//    metadata, parents, datasets, shareSupply, terms)`, which releases the commitment
//    deposit and holds the record deposit and the accountability bond (80 MDL).
// Ids come from a counter starting at 1: the id is read from `models.ModelRegistered`.
//
// A "sender" is `async (tx, signer, options?) => { events, error, blockHash }`: the
// transaction's own events in its block and its error as `section.Name` (or `null`).
// `instantSender(api)` waits for inclusion under instant sealing (one block per
// transaction); `manualSender(node)` submits and seals one block (manual sealing). Either
// way a commit and its reveal land in consecutive blocks.

import assert from 'node:assert/strict';
import { blake2AsHex, decodeAddress, randomAsHex } from '@polkadot/util-crypto';
import { rawRpc, manualSealing } from './node.js';

export const MDL = 1_000_000_000_000n;
/** Runtime constants (runtime/src/lib.rs, `impl pallet_modelchain_models::Config`). */
export const ACCOUNTABILITY_BOND = 80n * MDL;
export const INCIDENT_BOND = 10n * MDL;
export const SEVERITY_MULTIPLIER = { Low: 1n, Medium: 2n, High: 4n, Critical: 8n };
/** The dev preset's report deadline (runtime/src/genesis_config_presets.rs). */
export const DEV_INCIDENT_DEADLINE = 200;

/** `blake2_256(SCALE(content_hash, registrant, salt))`, computed two ways that must agree. */
export function commitmentOf(api, contentHash, address, salt) {
  const bytes = (hex) => Buffer.from(hex.slice(2), 'hex');
  const byConcat = blake2AsHex(Buffer.concat([bytes(contentHash), Buffer.from(decodeAddress(address)), bytes(salt)]), 256);
  if (api) {
    const encoded = api.createType('(H256, AccountId32, H256)', [contentHash, address, salt]).toU8a();
    const byCodec = blake2AsHex(encoded, 256);
    assert.equal(byCodec, byConcat, 'SCALE(hash, account, salt) is the 96-byte concatenation');
  }
  return byConcat;
}

/**
 * License terms. `kind` is `{ PerUse: { price } }`, `{ Subscription: { price, period } }` or
 * `'Free'`; `price` alone means per use. Permill values are parts per million.
 */
export function terms({
  price = MDL,
  kind,
  commercialUse = true,
  derivativesAllowed = true,
  royaltyFloor = 0,
  contributorShare = 0,
  restrictionsHash = null,
} = {}) {
  return {
    kind: kind ?? { PerUse: { price } },
    commercialUse,
    derivativesAllowed,
    derivativeRoyaltyFloor: royaltyFloor,
    contributorShare,
    restrictionsHash,
  };
}

/** Registration metadata (`MetadataInput`). */
export function metadata(name, { uri = `ipfs://${name}`, licenseId = 'openrail-m', licenseHash = null, tags = ['llm'] } = {}) {
  return { name, uri, licenseId, licenseHash, tags };
}

/** A content hash from a one-byte pattern, e.g. `hashOf(0x11)`: 0x1111…11. */
export const hashOf = (byte) => `0x${byte.toString(16).padStart(2, '0').repeat(32)}`;

/** `section.Name` of a DispatchError (module errors through the metadata). */
export function errorName(api, dispatchError) {
  if (dispatchError.isModule) {
    const { section, name } = api.registry.findMetaError(dispatchError.asModule);
    return `${section}.${name}`;
  }
  return dispatchError.toString();
}

/** Sender for an instantly sealed node: resolves with the events and error, never throws on a dispatch error. */
export function instantSender(api) {
  return (tx, signer, options = {}) => new Promise((resolve, reject) => {
    let unsub;
    tx.signAndSend(signer, options, (result) => {
      const { status, events, dispatchError } = result;
      if (status.isInBlock || status.isFinalized) {
        if (unsub) unsub();
        const blockHash = status.isInBlock ? status.asInBlock : status.asFinalized;
        resolve({ events, error: dispatchError ? errorName(api, dispatchError) : null, blockHash });
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        if (unsub) unsub();
        reject(new Error(`transaction ${status.type}`));
      }
    }).then((u) => { unsub = u; }, reject);
  });
}

/**
 * Finds each transaction (by hash) in a block and returns its events and error, in the
 * order of `txHashes`, plus its index in the block.
 */
export async function outcomes(api, blockHash, txHashes) {
  const block = await api.rpc.chain.getBlock(blockHash);
  const all = await api.query.system.events.at(blockHash);
  return txHashes.map((hash) => {
    const index = block.block.extrinsics.findIndex((x) => x.hash.eq(hash));
    if (index < 0) return { index, events: [], error: 'not included', blockHash };
    const events = all.filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.eqn(index));
    const failed = events.find(({ event }) => api.events.system.ExtrinsicFailed.is(event));
    const error = failed ? errorName(api, failed.event.data.dispatchError) : null;
    return { index, events, error, blockHash };
  });
}

/**
 * Sender and sealing for a node started with `--sealing manual`:
 * - `send(tx, signer, options?)` submits one transaction and seals a block with it;
 * - `sendAll([[tx, signer, options?], ...])` submits them all, in order, then seals ONE
 *   block and returns each one's outcome (with its index in the block);
 * - `seal()` / `sealMany(n)` make empty blocks.
 */
export function manualSender(node) {
  const { api } = node;
  const { seal } = manualSealing(node);
  async function sendAll(list) {
    // Nonces are counted here: the pool may not have taken in the previous submission
    // when the next one asks `system_accountNextIndex`.
    const nonces = new Map();
    const hashes = [];
    for (const [tx, signer, options = {}] of list) {
      if (!nonces.has(signer.address)) {
        nonces.set(signer.address, (await api.rpc.system.accountNextIndex(signer.address)).toBigInt());
      }
      const nonce = nonces.get(signer.address);
      nonces.set(signer.address, nonce + 1n);
      await tx.signAsync(signer, { nonce, ...options });
      hashes.push(await api.rpc.author.submitExtrinsic(tx));
    }
    const blockHash = await seal();
    return outcomes(api, blockHash, hashes);
  }
  async function send(tx, signer, options = {}) {
    const [r] = await sendAll([[tx, signer, options]]);
    if (r.index < 0) throw new Error('transaction not included in the sealed block');
    return r;
  }
  async function sealMany(count) {
    for (let i = 0; i < count; i += 1) await seal();
  }
  return { send, sendAll, seal, sealMany };
}

/** The data of the first event of `kind` (e.g. `api.events.models.ModelRegistered`), or undefined. */
export function eventData(r, kind) {
  const ev = r.events.find(({ event }) => kind.is(event));
  return ev ? ev.event.data : undefined;
}

/** The fee a transaction paid, from its TransactionFeePaid event. */
export function feeOf(api, r) {
  const data = eventData(r, api.events.transactionPayment.TransactionFeePaid);
  assert.ok(data, 'TransactionFeePaid event');
  return data.actualFee.toBigInt();
}

/** Asserts a transaction succeeded and returns its outcome. */
export function expectOk(r, what = 'transaction') {
  assert.equal(r.error, null, `${what} failed: ${r.error}`);
  return r;
}

/** `sudo.sudo(call)` by `sudoKey`: the outcome with `error` = the inner call's error (from `Sudid`). */
export async function sudo(api, send, sudoKey, call) {
  const r = await send(api.tx.sudo.sudo(call), sudoKey);
  if (r.error) return r;
  const sudid = eventData(r, api.events.sudo.Sudid);
  assert.ok(sudid, 'Sudid event');
  const result = sudid.sudoResult;
  return { ...r, error: result.isErr ? errorName(api, result.asErr) : null };
}

/** Commits to registering `contentHash` with `salt`; returns the outcome and the commitment. */
export async function commit(api, send, signer, contentHash, salt) {
  const commitment = commitmentOf(api, contentHash, signer.address, salt);
  const r = await send(api.tx.models.commitRegistration(commitment), signer);
  return { ...r, commitment };
}

/** The `registerModel` call of a registration. */
export function revealTx(api, {
  contentHash, salt, meta, parents = [], datasets = [], shareSupply = 1_000_000n, licenseTerms,
}) {
  return api.tx.models.registerModel(contentHash, salt, meta ?? metadata('model'), parents, datasets, shareSupply,
    licenseTerms ?? terms());
}

/**
 * Registers a model by commit–reveal: commits, lets a block pass (each send is one block),
 * reveals. `params`: { contentHash, salt?, meta?, parents? ([id, relation, royaltyPermill]),
 * datasets?, shareSupply?, licenseTerms? }; `send` defaults to `instantSender(api)`.
 * Returns { id, deposit, bond, commit, reveal, fees } (`fees` = both transactions' fees);
 * throws if either call fails, unless `allowFailure` (then `id` is undefined and
 * `reveal.error` says why).
 */
export async function registerModel(api, signer, params, { send, allowFailure = false } = {}) {
  send ??= instantSender(api);
  const salt = params.salt ?? randomAsHex(32);
  const c = await commit(api, send, signer, params.contentHash, salt);
  expectOk(c, 'commitRegistration');
  const reveal = await send(revealTx(api, { ...params, salt }), signer);
  const fees = feeOf(api, c) + feeOf(api, reveal);
  if (reveal.error) {
    if (allowFailure) return { id: undefined, commit: c, reveal, fees, salt };
    throw new Error(`registerModel failed: ${reveal.error}`);
  }
  const ev = eventData(reveal, api.events.models.ModelRegistered);
  assert.ok(ev, 'ModelRegistered event');
  assert.equal(ev.owner.toString(), signer.address);
  return {
    id: ev.model.toBigInt(),
    deposit: ev.deposit.toBigInt(),
    bond: ev.bond.toBigInt(),
    commit: c,
    reveal,
    fees,
    salt,
  };
}

/** Free, reserved and frozen balance of an account (at a block, optionally). */
export async function accountOf(api, address, at) {
  const q = at ? await api.query.system.account.at(at, address) : await api.query.system.account(address);
  return { free: q.data.free.toBigInt(), reserved: q.data.reserved.toBigInt(), frozen: q.data.frozen.toBigInt() };
}

export const freeOf = async (api, address, at) => (await accountOf(api, address, at)).free;

/**
 * An account's holds as `{ 'pallet.Reason': amount }` (e.g. `models.AccountabilityBond`),
 * from `balances.holds`.
 */
export async function holdsOf(api, address, at) {
  const holds = at ? await api.query.balances.holds.at(at, address) : await api.query.balances.holds(address);
  const out = {};
  for (const h of holds) {
    const id = h.id.toJSON();
    const [pallet] = Object.keys(id);
    out[`${pallet}.${id[pallet]}`] = (out[`${pallet}.${id[pallet]}`] ?? 0n) + h.amount.toBigInt();
  }
  return out;
}

/** The flat deposit of a model record (metadata constant `models.RegistrationDeposit`). */
export function registrationDeposit(api) {
  return api.consts.models.registrationDeposit.toBigInt();
}

/** What an open commitment holds: the record deposit and the accountability bond. */
export function commitmentHolds(api, count = 1n) {
  return {
    Deposit: count * registrationDeposit(api),
    IncidentBond: 0n,
    AccountabilityBond: count * ACCOUNTABILITY_BOND,
  };
}

/** The models pallet's holds of an account: { Deposit, IncidentBond, AccountabilityBond }. */
export async function modelHolds(api, address, at) {
  const all = await holdsOf(api, address, at);
  const get = (reason) => all[`models.${reason}`] ?? 0n;
  return {
    Deposit: get('Deposit'),
    IncidentBond: get('IncidentBond'),
    AccountabilityBond: get('AccountabilityBond'),
  };
}

/** Calls a custom RPC and returns its result, failing the test on an RPC error. */
export async function rpc(node, method, params) {
  const answer = await rawRpc(node.rpcPort, method, params);
  assert.ok(!answer.error, `${method} failed: ${JSON.stringify(answer.error)}`);
  return answer.result;
}

/**
 * Every page of a paged RPC (`models_listModels` / `models_licenses`), chaining `next`
 * into `startAfter`. `args` are the parameters before the page. Returns the pages.
 */
export async function allPages(node, method, args, limit, maxPages = 50) {
  const pages = [];
  let startAfter = null;
  for (;;) {
    const page = await rpc(node, method, [...args, { startAfter, limit }]);
    pages.push(page);
    if (page.next === null) return pages;
    assert.ok(pages.length < maxPages, `${method} did not end within ${maxPages} pages`);
    startAfter = page.next;
  }
}
