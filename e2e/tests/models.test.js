// Models end to end, through the real node and @polkadot/api from metadata alone:
// Alice registers a base model, Bob a derivative of it that passes 10% up the lineage;
// Bob sells a quarter of his shares to Charlie; Dave buys a license on the derivative.
// Both vaults and all three holders must receive exactly their share, read through the
// custom `models_*` RPCs and then paid out by `claimRevenue`.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, rawRpc, sendAndWaitInBlock } from '../lib/node.js';

const SUITE_TIMEOUT_MS = 300_000;
const MDL = 1_000_000_000_000n;

/** The model id of a content hash: its first 8 bytes, little-endian. */
function modelIdOf(hashHex) {
  const bytes = Buffer.from(hashHex.slice(2, 18), 'hex');
  return bytes.readBigUInt64LE(0);
}

function terms(price, royaltyPermill) {
  return {
    kind: { PerUse: { price } },
    commercialUse: true,
    derivativesAllowed: true,
    ancestorRoyalty: royaltyPermill,
    contributorShare: 0,
    restrictionsHash: null,
  };
}

function metadata(name) {
  return { name, uri: `ipfs://${name}`, licenseId: 'openrail-m', licenseHash: null, tags: ['llm'] };
}

/** The fee a transaction paid, from its TransactionFeePaid event. */
function feeOf(events) {
  const ev = events.find(({ event }) => event.section === 'transactionPayment' && event.method === 'TransactionFeePaid');
  assert.ok(ev, 'TransactionFeePaid event');
  return ev.event.data.actualFee.toBigInt();
}

describe('model registry, lineage royalties and revenue claims', { timeout: SUITE_TIMEOUT_MS }, () => {
  let node;
  let api;
  let alice;
  let bob;
  let charlie;
  let dave;
  const baseHash = `0x${'11'.repeat(32)}`;
  const derivedHash = `0x${'22'.repeat(32)}`;
  const baseId = modelIdOf(baseHash);
  const derivedId = modelIdOf(derivedHash);

  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    [alice, bob, charlie, dave] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((u) => keyring.addFromUri(u));
    node = await startNode(['--sealing', 'instant']);
    api = node.api;
  });

  after(async () => {
    if (node) await node.stop();
  });

  const free = async (who) => (await api.query.system.account(who.address)).data.free.toBigInt();
  const rpc = async (method, params) => {
    const answer = await rawRpc(node.rpcPort, method, params);
    assert.ok(!answer.error, `${method} failed: ${JSON.stringify(answer.error)}`);
    return answer.result;
  };

  it('registers a base model and a derivative, with the deposit reserved', async () => {
    const reservedBefore = (await api.query.system.account(alice.address)).data.reserved.toBigInt();
    const { events } = await sendAndWaitInBlock(api,
      api.tx.models.registerModel(baseHash, metadata('base'), [], [], 1_000_000n, terms(MDL, 0)), alice);
    const registered = events.find(({ event }) => api.events.models.ModelRegistered.is(event));
    assert.ok(registered, 'ModelRegistered event');
    assert.equal(registered.event.data.model.toBigInt(), baseId);
    const deposit = registered.event.data.deposit.toBigInt();
    // 1 MDL base + 0.001 MDL per stored byte.
    assert.ok(deposit > MDL && deposit < 2n * MDL, `deposit ${deposit}`);
    const reservedAfter = (await api.query.system.account(alice.address)).data.reserved.toBigInt();
    assert.equal(reservedAfter - reservedBefore, deposit);

    await sendAndWaitInBlock(api,
      api.tx.models.registerModel(derivedHash, metadata('derived'), [[baseId, 'Finetune']], [`0x${'33'.repeat(32)}`],
        1_000n, terms(100n * MDL, 100_000)), bob);

    const model = await rpc('models_getModel', [derivedId.toString(), null]);
    // Ids are decimal strings: they exceed 2^53.
    assert.equal(model.id, derivedId.toString());
    assert.equal(model.shareSupply, '1000');
    assert.deepEqual(model.parents, [{ model: baseId.toString(), relation: 'finetune' }]);
    assert.equal(model.depth, 1);
    assert.equal(model.owner, bob.address);
    const lineage = await rpc('models_getLineage', [derivedId.toString(), null]);
    assert.equal(lineage.length, 1);
    assert.equal(lineage[0].distance, 1);
    assert.equal(lineage[0].parent, baseId.toString());
    assert.equal(lineage[0].relation, 'finetune');

    // The same model through storage, decoded from metadata alone.
    const stored = (await api.query.models.models(derivedId)).unwrap();
    assert.equal(stored.owner.toString(), bob.address);
    assert.equal(stored.terms.ancestorRoyalty.toNumber(), 100_000);
  });

  it('refuses a duplicate hash and an unknown parent with named errors', async () => {
    await assert.rejects(
      sendAndWaitInBlock(api, api.tx.models.registerModel(baseHash, metadata('again'), [], [], 1n, terms(MDL, 0)), charlie),
      /models\.AlreadyRegistered/);
    await assert.rejects(
      sendAndWaitInBlock(api, api.tx.models.registerModel(`0x${'44'.repeat(32)}`, metadata('orphan'),
        [[12345n, 'Adapter']], [], 1n, terms(MDL, 0)), charlie),
      /models\.UnknownParent/);
  });

  it('splits a license fee up the lineage and between holders, exactly', async () => {
    await sendAndWaitInBlock(api, api.tx.models.transferShares(derivedId, charlie.address, 250n), bob);
    const shares = await rpc('models_shares', [derivedId.toString(), charlie.address, null]);
    assert.deepEqual(shares, { balance: '250', locked: '0' });

    const daveBefore = await free(dave);
    const { events } = await sendAndWaitInBlock(api, api.tx.models.purchaseLicense(derivedId, 1, 100n * MDL), dave);
    assert.equal(daveBefore - (await free(dave)), 100n * MDL + feeOf(events));
    const royalty = events.find(({ event }) => api.events.models.RoyaltyPaid.is(event));
    assert.equal(royalty.event.data.amount.toBigInt(), 10n * MDL);

    const status = await rpc('models_licenseStatus', [derivedId.toString(), dave.address, null]);
    assert.deepEqual(status, { valid: { expiresAt: null, usesLeft: 1, commercialUse: true } });

    // Vaults: the base model received 10%, the derivative kept 90%.
    const base = await rpc('models_getModel', [baseId.toString(), null]);
    const derived = await rpc('models_getModel', [derivedId.toString(), null]);
    assert.equal(BigInt(base.revenueReceived), 10n * MDL);
    assert.equal(BigInt(derived.revenueReceived), 90n * MDL);

    // Holders: Alice owns all of the base; Bob 75% and Charlie 25% of the derivative.
    const expected = [[alice, baseId, 10n * MDL], [bob, derivedId, 675n * MDL / 10n], [charlie, derivedId, 225n * MDL / 10n]];
    for (const [who, id, amount] of expected) {
      assert.equal(BigInt(await rpc('models_claimableRevenue', [id.toString(), who.address, null])), amount);
    }
    for (const [who, id, amount] of expected) {
      const before = await free(who);
      const { events: claimEvents } = await sendAndWaitInBlock(api, api.tx.models.claimRevenue(id), who);
      const claimed = claimEvents.find(({ event }) => api.events.models.RevenueClaimed.is(event));
      assert.equal(claimed.event.data.amount.toBigInt(), amount);
      assert.equal((await free(who)) - before, amount - feeOf(claimEvents));
      assert.equal(await rpc('models_claimableRevenue', [id.toString(), who.address, null]), '0');
    }
    const after = await rpc('models_getModel', [derivedId.toString(), null]);
    assert.equal(BigInt(after.revenueClaimed), 90n * MDL);

    await assert.rejects(sendAndWaitInBlock(api, api.tx.models.claimRevenue(derivedId), charlie), /models\.NothingToClaim/);
  });
});
