// The @polkadot/api stack with the client bundle (clients/js), through the real node:
// a transfer, one call per custom pallet (oracle, models, DAO, lending, RWA), a custom
// event, a storage read, runtime-API calls and every custom RPC through the bundle's
// definitions and typed helpers. The bundle's generated runtime-API definitions must equal
// a fresh generation from this runtime, and decode the raw `state_call` answer exactly as
// the metadata does.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { TypeRegistry } from '@polkadot/types';
import { blake2AsHex } from '@polkadot/util-crypto';
import { manualNode } from '../lib/suite.js';
import { registerModel, metadata, terms, hashOf, eventData, MDL } from '../lib/models.js';
import {
  modelchainBundle, modelchainRpc, runtime, runtimeTypes, FIXED,
} from '../../clients/js/src/index.js';
import { readFileSync } from 'node:fs';
import { runtimeDefinitions } from '../../clients/js/src/generate.js';
import { rpcTypes } from '../../clients/js/src/rpc.js';

const USDM = 1_000_000n;

describe('@polkadot/api with the Modelchain bundle', { timeout: 180_000 }, () => {
  const t = manualNode();
  let api;
  let rpc;
  let model;

  before(async () => {
    api = await ApiPromise.create({ provider: new WsProvider(t.node.wsUrl), ...modelchainBundle, noInitWarn: true });
    rpc = modelchainRpc(api);
  });
  after(async () => {
    if (api) await api.disconnect();
  });

  it('transfers, and calls every custom pallet', async () => {
    const { alice, bob, send, ok } = t;
    const before = (await api.query.system.account(bob.address)).data.free.toBigInt();
    await ok(api.tx.balances.transferKeepAlive(bob.address, 3n * MDL), alice);
    assert.equal((await api.query.system.account(bob.address)).data.free.toBigInt(), before + 3n * MDL);

    // oracle
    await ok(api.tx.oracle.feedValues([[{ AssetPrice: 0 }, FIXED.toString()], [{ AssetPrice: 1 }, FIXED.toString()]]), alice);
    // models: commit–reveal; the custom event carries the new id
    const reg = await registerModel(api, alice, {
      contentHash: hashOf(0xc1), meta: metadata('client-model'), shareSupply: 100n, licenseTerms: terms({ price: MDL }),
    }, { send });
    model = reg.id;
    const ev = eventData(reg.reveal, api.events.models.ModelRegistered);
    assert.equal(ev.model.toBigInt(), model);
    assert.equal(ev.owner.toString(), alice.address);
    // lending (the prices fed above are still fresh: four blocks, 24 s of chain time)
    await ok(api.tx.lending.supply({ Asset: 1 }, 100n * USDM), bob);
    await ok(api.tx.lending.enableCollateral({ Asset: 1 }), bob);
    // DAO: a proposer needs stake above the threshold
    await ok(api.tx.dao.stake(900_000n * MDL), alice);
    const p = await ok(api.tx.dao.propose('Chain', api.tx.system.remark('0x01'), hashOf(0x77)), alice);
    assert.ok(eventData(p, api.events.dao.Proposed));
    // RWA
    const rwa = await ok(api.tx.rwa.issue('Client bond', 'CBND', 6, 1, 'LEI 5493001KJTIIGC8Y1R12',
      { legal: hashOf(0x31), valuation: hashOf(0x32) }), alice);
    assert.equal(eventData(rwa, api.events.rwa.RwaIssued).issuer.toString(), alice.address);
  });

  it('reads storage, runtime APIs and the custom RPCs, which agree', async () => {
    const stored = await api.query.models.models(model);
    assert.equal(stored.unwrap().owner.toString(), t.alice.address);

    const viaApi = await api.call.modelsApi.model(model);
    const viaRpc = await rpc.model(model);
    assert.equal(viaRpc.id, model);
    assert.equal(viaRpc.owner, viaApi.unwrap().owner.toString());
    assert.equal(viaRpc.shareSupply, 100n);
    assert.deepEqual(viaRpc.terms.kind, { perUse: { price: MDL } });
    assert.deepEqual(await rpc.lineage(model), []);
    assert.equal(await rpc.claimableRevenue(model, t.alice.address), 0n);
    assert.deepEqual(await rpc.shares(model, t.alice.address), { balance: 100n, locked: 0n });
    assert.equal((await rpc.listModels({ owner: t.alice.address })).items.length, 1);
    assert.equal(await rpc.licenseStatus(model, t.bob.address), 'none');

    const health = await rpc.accountHealth(t.bob.address);
    const healthApi = await api.call.lendingApi.accountHealth(t.bob.address);
    assert.equal(health.collateralValue, healthApi.collateralValue.toBigInt());
    assert.equal(health.collateralValue, 100n * FIXED); // 100 USDM at $1
    assert.equal(health.positions[0].supplied, 100n * USDM);
    const native = await rpc.market('native');
    assert.deepEqual(native.asset, 'native');
    const usdm = await rpc.market({ asset: 1 });
    assert.equal(usdm.cash, (await api.call.lendingApi.market({ Asset: 1 })).unwrap().cash.toBigInt());

    // Each sealed block advances the clock a slot: feed again so the value is current.
    await t.ok(api.tx.oracle.feedValues([[{ AssetPrice: 1 }, FIXED.toString()]]), t.alice);
    const price = await rpc.oracleValue({ assetPrice: 1 });
    assert.equal(price.status, 'current');
    assert.equal(price.valueRaw, FIXED);
    assert.ok((await rpc.oracleValues()).length >= 3);

    // The same methods through the bundle's `rpc` definitions (`api.rpc.*`).
    assert.equal((await api.rpc.models.getModel(String(model))).unwrap().toJSON().owner, t.alice.address);
    assert.equal((await api.rpc.models.getLineage(String(model))).length, 0);
    // (`isNone` of a @polkadot/types enum is true for every unit variant: compare the type.)
    assert.equal((await api.rpc.models.licenseStatus(String(model), t.bob.address)).type, 'None');
    assert.equal((await api.rpc.models.claimableRevenue(String(model), t.alice.address)).toString(), '0');
    assert.equal(BigInt((await api.rpc.lending.accountHealth(t.bob.address)).toJSON().collateralValue), health.collateralValue);
    assert.equal(BigInt((await api.rpc.lending.market({ Asset: 1 })).unwrap().toJSON().cash), usdm.cash);
    assert.equal((await api.rpc.oracle.getAllValues()).length, (await rpc.oracleValues()).length);
    assert.equal(BigInt((await api.rpc.dao.votingPower({ Chain: null }, t.alice.address)).toJSON().lockable),
      (await rpc.votingPower('chain', t.alice.address)).lockable);

    // Model ids in parameters travel as decimal strings, which the node reads.
    assert.deepEqual(await rpc.votingPower({ model }, t.alice.address), { atSnapshot: 100n, lockable: 100n });
    assert.equal(await rpc.market({ modelShares: model }), null);
    const metric = await rpc.oracleValue({ modelMetric: { model, version: 1, metric: 'accuracy' } });
    assert.equal(metric.status, 'unknown');
    assert.equal((await api.rpc.lending.market({ ModelShares: String(model) })).isNone, true);

    const power = await rpc.votingPower('chain', t.alice.address);
    const [atSnapshot] = await api.call.daoApi.votingPower('Chain', t.alice.address);
    assert.equal(power.atSnapshot, atSnapshot.toBigInt());
    const proposal = await rpc.proposal(0);
    assert.equal(proposal.proposer, t.alice.address);
    assert.equal(proposal.status, 'voting');
  });

  it('ships runtime-API definitions that match this runtime and decode like the metadata', async () => {
    const fresh = runtimeDefinitions(api, (name) => blake2AsHex(name, 64));
    assert.deepEqual(fresh.runtime, runtime, 'clients/js/src/runtime.js is stale: run e2e/scripts/generate-client-bundle.js');
    assert.deepEqual(fresh.runtimeTypes, runtimeTypes);
    const apps = JSON.parse(readFileSync(new URL('../../clients/js/apps-types.json', import.meta.url)));
    assert.deepEqual(apps, { ...runtimeTypes, ...rpcTypes });
    assert.deepEqual(Object.keys(runtime).sort(), ['DaoApi', 'LendingApi', 'ModelsApi', 'OracleApi']);

    // A registry that knows only the bundle's types decodes the raw answer of
    // LendingApi_account_health exactly as the metadata-driven call does.
    const registry = new TypeRegistry();
    registry.register(runtimeTypes);
    const def = runtime.LendingApi[0].methods.account_health;
    const raw = await api.rpc.state.call('LendingApi_account_health', api.createType('AccountId', t.bob.address).toHex());
    const decoded = registry.createType(def.type, raw.toU8a(true));
    const viaMetadata = await api.call.lendingApi.accountHealth(t.bob.address);
    assert.equal(decoded.toHex(), viaMetadata.toHex());
    assert.equal(decoded.get('collateralValue').toBigInt(), viaMetadata.collateralValue.toBigInt());
    assert.equal(decoded.get('collateralValue').toBigInt(), 100n * FIXED);
  });
});
