// The polkadot-api (PAPI) stack, through the real node (manual sealing), with the typed
// descriptor the test command generates from the runtime it built (`npm run papi`):
// a transfer (also one signed in mode 1 with PAPI's own metadata-hash signer), one call per
// custom pallet (oracle, models, DAO, lending, RWA), a custom event, typed storage reads,
// typed runtime-API calls, and a custom RPC through the client's raw request.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { createClient, Binary } from 'polkadot-api';
import { getWsProvider } from 'polkadot-api/ws';
import { getPolkadotSigner, withMetadataHash } from 'polkadot-api/signer';
import { modelchain, MultiAddress } from '@polkadot-api/descriptors';
import { manualNode } from '../lib/suite.js';
import { manualSealing, waitForPool } from '../lib/node.js';
import { registerModel, metadata, terms, hashOf, MDL } from '../lib/models.js';

const FIXED = 10n ** 18n;
const USDM = 1_000_000n;

describe('polkadot-api with the generated descriptor', { timeout: 180_000 }, () => {
  const t = manualNode();
  let client;
  let api;
  let signer;
  let model;

  before(async () => {
    client = createClient(getWsProvider(t.node.wsUrl, { websocketClass: WebSocket }));
    api = client.getTypedApi(modelchain);
    signer = (pair) => getPolkadotSigner(pair.publicKey, 'Sr25519', (payload) => pair.sign(payload));
  });
  after(() => {
    if (client) client.destroy();
  });

  /** Signs and submits with PAPI, seals a block once the pool has it, returns the block's result. */
  async function submit(tx, from) {
    const { seal } = manualSealing(t.node);
    return new Promise((resolve, reject) => {
      let sealed = false;
      const sub = tx.signSubmitAndWatch(from).subscribe({
        next: async (ev) => {
          if (ev.type === 'broadcasted' && !sealed) {
            sealed = true;
            await waitForPool(t.node);
            await seal();
          }
          if (ev.type === 'txBestBlocksState' && ev.found) {
            sub.unsubscribe();
            resolve(ev);
          }
        },
        error: reject,
      });
    });
  }
  const okTx = async (tx, from) => {
    const r = await submit(tx, from);
    assert.equal(r.ok, true, JSON.stringify(r.dispatchError, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
    return r;
  };
  const free = async (address) => (await api.query.System.Account.getValue(address, { at: 'best' })).data.free;

  it('transfers, in mode 0 and in mode 1 with the metadata hash', async () => {
    const { alice, bob } = t;
    const before = await free(bob.address);
    const r0 = await okTx(api.tx.Balances.transfer_keep_alive({ dest: MultiAddress.Id(bob.address), value: 2n * MDL }), signer(alice));
    assert.equal(await free(bob.address), before + 2n * MDL);
    const block0 = await t.api.rpc.chain.getBlock(r0.block.hash);
    assert.equal(block0.block.extrinsics[r0.block.index].mode.toNumber(), 0);
    // PAPI computes the merkleized metadata hash itself and signs in mode 1.
    const hashed = withMetadataHash({ tokenSymbol: 'MDL', decimals: 12 }, signer(alice));
    const r = await okTx(api.tx.Balances.transfer_keep_alive({ dest: MultiAddress.Id(bob.address), value: 3n * MDL }), hashed);
    assert.equal(await free(bob.address), before + 5n * MDL);
    // The included transaction really is mode 1 (its CheckMetadataHash byte), and the first
    // one mode 0.
    const block = await t.api.rpc.chain.getBlock(r.block.hash);
    assert.equal(block.block.extrinsics[r.block.index].mode.toNumber(), 1);
  });

  it('calls every custom pallet and sees a custom event', async () => {
    const { alice, bob, charlie, send } = t;
    // models: the registration (commit–reveal) through @polkadot/api, the purchase through PAPI
    ({ id: model } = await registerModel(t.api, alice, {
      contentHash: hashOf(0xd1), meta: metadata('papi-model'), shareSupply: 10n, licenseTerms: terms({ price: 4n * MDL }),
    }, { send }));
    const bought = await okTx(api.tx.Models.purchase_license({ model, quantity: 1, max_total_price: 4n * MDL }), signer(charlie));
    const ev = api.event.Models.LicensePurchased.filter(bought.events);
    assert.equal(ev.length, 1);
    assert.equal(ev[0].payload.model, model);
    assert.equal(ev[0].payload.who, charlie.address);
    assert.equal(ev[0].payload.paid, 4n * MDL);
    // oracle (fresh prices for the lending calls: each sealed block advances the clock a slot)
    await okTx(api.tx.Oracle.feed_values({
      values: [[{ type: 'AssetPrice', value: 0 }, FIXED], [{ type: 'AssetPrice', value: 1 }, FIXED]],
    }), signer(alice));
    // lending
    await okTx(api.tx.Lending.supply({ asset: { type: 'Asset', value: 1 }, amount: 50n * USDM }), signer(bob));
    await okTx(api.tx.Lending.enable_collateral({ asset: { type: 'Asset', value: 1 } }), signer(bob));
    // DAO
    await okTx(api.tx.Dao.stake({ amount: 900_000n * MDL }), signer(alice));
    const remark = api.tx.System.remark({ remark: Binary.fromText('papi') });
    const proposed = await okTx(api.tx.Dao.propose({
      scope: { type: 'Chain', value: undefined }, call: remark.decodedCall, metadata_hash: hashOf(0x88),
    }), signer(alice));
    assert.equal(api.event.Dao.Proposed.filter(proposed.events).length, 1);
    // RWA
    const issued = await okTx(api.tx.Rwa.issue({
      name: Binary.fromText('PAPI bond'), symbol: Binary.fromText('PBND'), decimals: 6, min_balance: 1n,
      identity: Binary.fromText('LEI 5493001KJTIIGC8Y1R12'), documents: { legal: hashOf(0x41), valuation: hashOf(0x42) },
    }), signer(bob));
    assert.equal(api.event.Rwa.RwaIssued.filter(issued.events)[0].payload.issuer, bob.address);
  });

  it('reads typed storage, runtime APIs and a custom RPC, which agree', async () => {
    const stored = await api.query.Models.Models.getValue(model, { at: 'best' });
    assert.equal(stored.owner, t.alice.address);
    const summary = await api.apis.ModelsApi.model(model, { at: 'best' });
    assert.equal(summary.owner, t.alice.address);
    assert.equal(summary.revenue_received, 4n * MDL);
    const health = await api.apis.LendingApi.account_health(t.bob.address, { at: 'best' });
    const best = await client._request('chain_getBlockHash', []);
    const viaRpc = await client._request('lending_accountHealth', [t.bob.address, best]);
    assert.equal(health.collateral_value, BigInt(viaRpc.collateralValue));
    assert.equal(health.collateral_value, 50n * FIXED); // 50 USDM at $1
    assert.equal(health.positions[0].supplied, 50n * USDM);
    assert.equal(BigInt(viaRpc.positions[0].supplied), 50n * USDM);
  });
});
