// The chain as the generator drives it: @polkadot/api for metadata, storage and signing; a
// raw WebSocket connection for sealing and other hot calls; accounts derived from
// `//bench//<product>//<i>`; nonces counted locally; offline, immortal signing; and setup
// phases that submit their extrinsics, seal blocks until every one is in, and fail loudly
// unless each succeeded.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { RpcConnection, openPool, submitAll } from './rpc.js';

export const MDL = 1_000_000_000_000n;
export const FIXED = 10n ** 18n;
/** The dev preset's assets and their prices (dollars). */
export const USDM_ID = 1;
export const XAU_ID = 2;
export const USDM_UNIT = 1_000_000n;
export const XAU_UNIT = 1_000_000n;
const DEV_PRICES = [[0, FIXED], [USDM_ID, FIXED], [XAU_ID, 2_000n * FIXED]];

/** The dev accounts the genesis preset endows (1,000,000 MDL each). */
const DEV_URIS = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie',
  '//Alice//stash', '//Bob//stash', '//Charlie//stash', '//Dave//stash', '//Eve//stash', '//Ferdie//stash'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const hexBytes = (hex) => Buffer.from(hex.startsWith('0x') ? hex.slice(2) : hex, 'hex');
/** BLAKE2-256 of an encoded extrinsic: its hash in the pool and in a block. */
export const extrinsicHash = (hex) => blake2AsHex(hexBytes(hex), 256);
/** Encoded length in bytes of a hex string. */
export const hexLen = (hex) => (hex.length - 2) / 2;

/** How many bytes the SCALE compact integer at the start of `bytes` takes. */
function compactLength(bytes) {
  const mode = bytes[0] & 3;
  if (mode === 0) return 1;
  if (mode === 1) return 2;
  if (mode === 2) return 4;
  return 1 + (bytes[0] >> 2) + 4;
}

/**
 * Whether an encoded extrinsic carries a signature: the version byte after the length
 * prefix has bit 7 set for signed (v4) extrinsics; inherents are bare (0x04 / 0x05).
 */
export function isSigned(hex) {
  const bytes = hexBytes(hex.slice(0, 24));
  return (bytes[compactLength(bytes)] & 0x80) !== 0;
}

/** `section.Name` of a DispatchError. */
export function errorName(api, dispatchError) {
  if (dispatchError.isModule) {
    try {
      const { section, name } = api.registry.findMetaError(dispatchError.asModule);
      return `${section}.${name}`;
    } catch { /* fall through */ }
  }
  return dispatchError.toString();
}

export class Chain {
  constructor({ node, log, connections }) {
    this.node = node;
    this.log = log;
    this.connections = connections;
    this.api = null;
    this.rpc = null;
    this.conns = [];
    this.keyring = null;
    this.nonces = new Map();
    this.dev = {};
    this.funders = [];
    this.productRoots = new Map();
  }

  async connect() {
    await cryptoWaitReady();
    this.keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const provider = new WsProvider(this.node.wsUrl, false, {}, 300_000);
    await provider.connect();
    this.api = await ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
    this.rpc = await new RpcConnection(this.node.wsUrl, { timeoutMs: 300_000 }).open();
    this.conns = await openPool(this.node.wsUrl, this.connections);
    this.genesisHash = this.api.genesisHash;
    this.runtimeVersion = this.api.runtimeVersion;
    for (const uri of DEV_URIS) this.dev[uri] = this.keyring.createFromUri(uri);
    this.alice = this.dev['//Alice'];
    // Funders: every endowed dev account but Alice (sudo, asset issuer and price feeder),
    // with what each may still give, counted locally.
    for (const uri of DEV_URIS.slice(1)) {
      const pair = this.dev[uri];
      const { data } = await this.api.query.system.account(pair.address);
      const free = data.free.toBigInt() - data.frozen.toBigInt();
      if (free > 1_000n * MDL) this.funders.push({ pair, budget: free - 1_000n * MDL });
    }
    if (this.funders.length === 0) throw new Error('no endowed dev account to fund the bench accounts from');
  }

  async disconnect() {
    for (const c of this.conns) c.close();
    if (this.rpc) this.rpc.close();
    if (this.api) { try { await this.api.disconnect(); } catch { /* ignore */ } }
  }

  /**
   * The sr25519 account `//bench//<product>//<i>` (fresh on a fresh chain: nonce 0). Derived
   * from the cached `//bench//<product>` pair: the same key as the full URI, without
   * re-running the dev phrase's key stretching for every account.
   */
  account(product, i) {
    if (!this.productRoots.has(product)) this.productRoots.set(product, this.keyring.createFromUri(`//bench//${product}`));
    const pair = this.productRoots.get(product).derive(`//${i}`);
    if (!this.nonces.has(pair.address)) this.nonces.set(pair.address, 0);
    return pair;
  }

  /** `n` bench accounts of `product`, numbered from `from`. */
  accounts(product, n, from = 0) {
    const out = new Array(n);
    for (let i = 0; i < n; i += 1) out[i] = this.account(product, from + i);
    return out;
  }

  /** The next nonce of `pair`, counted locally (asked of the chain the first time). */
  async nextNonce(pair) {
    if (!this.nonces.has(pair.address)) {
      const n = await this.rpc.call('system_accountNextIndex', [pair.address]);
      this.nonces.set(pair.address, Number(n));
    }
    const n = this.nonces.get(pair.address);
    this.nonces.set(pair.address, n + 1);
    return n;
  }

  /** Forgets a counted nonce, so that the next one is asked of the chain. */
  forgetNonce(pair) { this.nonces.delete(pair.address); }

  /**
   * Signs `tx` offline: immortal era, explicit nonce, the genesis hash as the checkpoint,
   * the runtime version read at start. Returns { hex, hash, len }.
   */
  signWith(tx, pair, nonce, { tip = 0n } = {}) {
    tx.sign(pair, {
      nonce,
      era: 0,
      tip,
      blockHash: this.genesisHash,
      genesisHash: this.genesisHash,
      runtimeVersion: this.runtimeVersion,
    });
    const hex = tx.toHex();
    return { hex, hash: extrinsicHash(hex), len: hexLen(hex) };
  }

  async sign(tx, pair, options = {}) {
    return this.signWith(tx, pair, await this.nextNonce(pair), options);
  }

  /** The nonce `pair`'s next extrinsic will get, without taking it. */
  async peekNonce(pair) {
    const n = await this.nextNonce(pair);
    this.nonces.set(pair.address, n);
    return n;
  }

  /**
   * The pool priority the runtime gives `tx` signed by `pair` with `tip` (validated at the
   * best block, nonce not taken).
   */
  async priorityOf(tx, pair, tip = 0n) {
    const nonce = await this.peekNonce(pair);
    tx.sign(pair, { nonce, era: 0, tip, blockHash: this.genesisHash, genesisHash: this.genesisHash, runtimeVersion: this.runtimeVersion });
    const best = await this.rpc.call('chain_getBlockHash', []);
    // Passed as bytes: the runtime API takes the extrinsic's own encoding.
    const validity = await this.api.call.taggedTransactionQueue.validateTransaction('External', tx.toU8a(), best);
    if (validity.isErr) throw new Error(`validate_transaction refuses a sample ${tx.method.section}.${tx.method.method}: ${JSON.stringify(validity.asErr.toJSON())}`);
    return validity.asOk.priority.toBigInt();
  }

  /** Seals one block with what the pool holds; returns { hash, ms }. */
  async seal() {
    const started = performance.now();
    const r = await this.rpc.call('engine_createBlock', [true, true, null], 600_000);
    return { hash: r.hash, ms: performance.now() - started };
  }

  async bestNumber() {
    const h = await this.rpc.call('chain_getHeader', []);
    return Number(h.number);
  }

  /** The block's extrinsics as hex (not decoded) and its header. */
  async rawBlock(hash) {
    const r = await this.rpc.call('chain_getBlock', [hash]);
    return r.block;
  }

  async pendingCount() {
    const list = await this.rpc.call('author_pendingExtrinsics', []);
    return list.length;
  }

  async timestampAt(hash) {
    return (await this.api.query.timestamp.now.at(hash)).toNumber();
  }

  /**
   * Seals empty blocks until the chain's clock is at least `aheadMs` past the wall clock.
   * The dev clock gives each block max(wall clock, parent + one slot), so after this the
   * next blocks are exactly one slot apart however long the generator takes between them
   * (up to `aheadMs`): a price fed in one block is 6 s old in the next.
   */
  async ensureClockAhead(aheadMs) {
    for (let i = 0; i < 200; i += 1) {
      const best = await this.rpc.call('chain_getBlockHash', []);
      const now = await this.timestampAt(best);
      if (now >= Date.now() + aheadMs) return;
      await this.seal();
    }
    throw new Error(`could not move the dev clock ${aheadMs} ms ahead of the wall clock in 200 blocks`);
  }

  /** The events of a block, grouped by extrinsic index. */
  async eventsByExtrinsic(blockHash) {
    const records = await this.api.query.system.events.at(blockHash);
    const byIndex = new Map();
    for (const record of records) {
      if (!record.phase.isApplyExtrinsic) continue;
      const i = record.phase.asApplyExtrinsic.toNumber();
      if (!byIndex.has(i)) byIndex.set(i, []);
      byIndex.get(i).push(record.event);
    }
    return byIndex;
  }

  /**
   * The outcome of one extrinsic from its events: null if it succeeded (and, for sudo, its
   * inner call too; a batch interrupted counts as failed), else the error's name.
   */
  outcomeOf(events) {
    const { api } = this;
    if (!events || events.length === 0) return 'no events';
    for (const event of events) {
      if (api.events.system.ExtrinsicFailed.is(event)) return errorName(api, event.data.dispatchError);
      if (api.events.sudo && api.events.sudo.Sudid.is(event) && event.data.sudoResult.isErr) {
        return `sudo: ${errorName(api, event.data.sudoResult.asErr)}`;
      }
      if (api.events.utility && api.events.utility.BatchInterrupted.is(event)) {
        return `batch item ${event.data.index.toNumber()}: ${errorName(api, event.data.error)}`;
      }
    }
    if (!events.some((e) => api.events.system.ExtrinsicSuccess.is(e))) return 'no ExtrinsicSuccess';
    return null;
  }

  /** Alice feeds the dev preset's three prices (one feed per block). */
  priceFeedTx() {
    return this.api.tx.oracle.feedValues(DEV_PRICES.map(([key, value]) => [{ AssetPrice: key }, value.toString()]));
  }

  /**
   * A setup phase: signs `items` ([{ pair, tx }]) with counted nonces, submits them all,
   * then seals blocks until each is in a block, and requires every one to have succeeded.
   * With `feedPrices`, Alice feeds the dev prices into every block the phase seals (prices
   * live 30 s, five blocks of the dev clock). Returns the hashes of the blocks sealed.
   */
  async phase(label, items, { feedPrices = false, timeoutMs = 1_800_000 } = {}) {
    const started = performance.now();
    const signed = [];
    for (const { pair, tx } of items) signed.push(await this.sign(tx, pair));
    const waiting = new Map(signed.map((s, i) => [s.hash, i]));
    const failures = [];
    const blocks = [];
    let fed = null;
    const deadline = Date.now() + timeoutMs;

    const submitChecked = async (list, what) => {
      const r = await submitAll(this.conns, list.map((s) => s.hex));
      if (r.rejected > 0) {
        const errors = r.results.filter((x) => !x.ok).slice(0, 5).map((x) => x.error);
        throw new Error(`setup ${label}: the pool refused ${r.rejected} of ${list.length} ${what}: ${errors.join(' | ')}`);
      }
    };
    await submitChecked(signed, 'extrinsics');

    let idle = 0;
    while (waiting.size > 0 || fed) {
      if (Date.now() > deadline) throw new Error(`setup ${label}: ${waiting.size} extrinsics still not in a block after ${timeoutMs} ms`);
      if (feedPrices && !fed && waiting.size > 0) {
        fed = await this.sign(this.priceFeedTx(), this.alice);
        await submitChecked([fed], 'price feeds');
      }
      const { hash } = await this.seal();
      blocks.push(hash);
      const block = await this.rawBlock(hash);
      const inBlock = [];
      let fedHere = false;
      block.extrinsics.forEach((hex, index) => {
        const h = extrinsicHash(hex);
        if (waiting.has(h)) { inBlock.push({ index, item: waiting.get(h) }); waiting.delete(h); }
        if (fed && h === fed.hash) { inBlock.push({ index, item: 'price feed' }); fedHere = true; }
      });
      if (fedHere) fed = null;
      if (inBlock.length > 0) {
        // Only the phase's own extrinsics count as progress (a price feed alone does not).
        if (inBlock.some(({ item }) => typeof item === 'number')) idle = 0;
        else idle += 1;
        const events = await this.eventsByExtrinsic(hash);
        for (const { index, item } of inBlock) {
          const err = this.outcomeOf(events.get(index));
          if (err) failures.push(`${typeof item === 'number' ? `#${item}` : item}: ${err}`);
        }
        if (failures.length > 0) {
          throw new Error(`setup ${label}: ${failures.length} extrinsic(s) failed in block ${hash}: ${failures.slice(0, 5).join(' | ')}`);
        }
      } else {
        idle += 1;
      }
      if (waiting.size > 0 && idle >= 3) {
        const pending = await this.pendingCount();
        throw new Error(`setup ${label}: three blocks in a row took none of the ${waiting.size} waiting extrinsics (pool holds ${pending}); node log:\n${this.node.logTail(2000)}`);
      }
    }
    this.log(`  setup ${label}: ${items.length} extrinsics in ${blocks.length} block(s), ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return blocks;
  }

  /**
   * Gives each `[address, amount]` its native amount: `utility.batchAll` of
   * `balances.transferKeepAlive` from the dev accounts, `chunk` transfers per batch, each
   * batch from the funder with the most left.
   */
  async fund(label, grants, { chunk = 1000 } = {}) {
    const { api } = this;
    const items = [];
    for (let i = 0; i < grants.length; i += chunk) {
      const part = grants.slice(i, i + chunk);
      const total = part.reduce((s, [, a]) => s + a, 0n);
      this.funders.sort((a, b) => (b.budget > a.budget ? 1 : b.budget < a.budget ? -1 : 0));
      const funder = this.funders[0];
      if (funder.budget < total) throw new Error(`setup ${label}: the dev accounts cannot fund ${total / MDL} MDL more`);
      funder.budget -= total;
      const calls = part.map(([to, amount]) => api.tx.balances.transferKeepAlive(to, amount));
      items.push({ pair: funder.pair, tx: api.tx.utility.batchAll(calls) });
    }
    return this.phase(label, items);
  }

  /** Runs `calls` as Root: `sudo.sudo(utility.batchAll(calls))` by Alice, `chunk` per batch. */
  async asRoot(label, calls, { chunk = 200 } = {}) {
    const { api } = this;
    const items = [];
    for (let i = 0; i < calls.length; i += chunk) {
      items.push({ pair: this.alice, tx: api.tx.sudo.sudo(api.tx.utility.batchAll(calls.slice(i, i + chunk))) });
    }
    return this.phase(label, items);
  }

  /**
   * Seals blocks (not measured) until the pool is empty. Fails if a few blocks in a row
   * take nothing while the pool still holds something, or after `timeoutMs`.
   */
  async drain({ timeoutMs = 1_800_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    let idle = 0;
    for (let sealed = 0; ; sealed += 1) {
      const pending = await this.pendingCount();
      if (pending === 0) return sealed;
      if (Date.now() > deadline) throw new Error(`draining: the pool still holds ${pending} extrinsics after ${sealed} blocks (${timeoutMs} ms)`);
      const { hash } = await this.seal();
      const block = await this.rawBlock(hash);
      const taken = block.extrinsics.filter(isSigned).length;
      if (taken === 0) {
        idle += 1;
        if (idle >= 3) throw new Error(`draining: the pool holds ${pending} extrinsics that no block takes`);
        await sleep(500);
      } else {
        idle = 0;
      }
    }
  }
}
