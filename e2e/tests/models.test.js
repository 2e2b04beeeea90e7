// Models end to end, through the real node and @polkadot/api from metadata alone:
// Alice registers a base model (1 MDL per use, a 5% royalty floor for derivatives) by
// commit–reveal; Bob buys a licence of it (1 MDL, which a derivative of a paid model needs)
// and registers a derivative that passes 10% of its receipts to the base; Bob sells a
// quarter of his shares to Charlie; Dave buys a licence of the derivative for 100 MDL.
// Expected, exactly: the base's vault received 1 MDL (Bob's licence) + 10 MDL (10% of
// Dave's fee) = 11 MDL, all Alice's; the derivative kept 90 MDL: Bob 75% = 67.5 MDL,
// Charlie 25% = 22.5 MDL. All read through the custom `models_*` RPCs and then paid out by
// `claimRevenue`.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode } from '../lib/node.js';
import {
  MDL, ACCOUNTABILITY_BOND, registrationDeposit, commitmentHolds, terms, metadata, hashOf, instantSender, registerModel,
  eventData, feeOf, expectOk, modelHolds, freeOf, rpc as callRpc,
} from '../lib/models.js';

const SUITE_TIMEOUT_MS = 300_000;

describe('model registry, lineage royalties and revenue claims', { timeout: SUITE_TIMEOUT_MS }, () => {
  let node;
  let api;
  let send;
  let alice;
  let bob;
  let charlie;
  let dave;
  const baseHash = hashOf(0x11);
  const derivedHash = hashOf(0x22);
  let baseId;
  let derivedId;

  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    [alice, bob, charlie, dave] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((u) => keyring.addFromUri(u));
    node = await startNode(['--sealing', 'instant']);
    api = node.api;
    send = instantSender(api);
  });

  after(async () => {
    if (node) await node.stop();
  });

  const free = (who) => freeOf(api, who.address);
  const rpc = (method, params) => callRpc(node, method, params);

  it('registers a base model and a derivative by commit–reveal, with deposit and bond held', async () => {
    const freeBefore = await free(alice);
    const base = await registerModel(api, alice, {
      contentHash: baseHash,
      meta: metadata('base'),
      shareSupply: 1_000_000n,
      licenseTerms: terms({ price: MDL, royaltyFloor: 50_000 }),
    }, { send });
    baseId = base.id;
    assert.equal(baseId, 1n, 'ids count from 1');
    // The commit held the flat record deposit and the bond; the reveal made them the model's.
    const committed = eventData(base.commit, api.events.models.RegistrationCommitted);
    assert.equal(committed.deposit.toBigInt(), registrationDeposit(api));
    assert.equal(committed.bond.toBigInt(), ACCOUNTABILITY_BOND);
    assert.equal(base.deposit, registrationDeposit(api));
    // 1 MDL base + 0.001 MDL per byte of the largest record.
    assert.ok(base.deposit > MDL && base.deposit < 4n * MDL, `deposit ${base.deposit}`);
    assert.equal(base.bond, ACCOUNTABILITY_BOND);
    assert.deepEqual(await modelHolds(api, alice.address),
      { Deposit: base.deposit, IncidentBond: 0n, AccountabilityBond: ACCOUNTABILITY_BOND });
    assert.equal(freeBefore - (await free(alice)), base.deposit + ACCOUNTABILITY_BOND + base.fees);

    // A derivative of a paid model needs a licence of it: Bob buys one use for 1 MDL.
    const bobBefore = await free(bob);
    const bought = expectOk(await send(api.tx.models.purchaseLicense(baseId, 1, MDL), bob));
    assert.equal(bobBefore - (await free(bob)), MDL + feeOf(api, bought));

    const derived = await registerModel(api, bob, {
      contentHash: derivedHash,
      meta: metadata('derived'),
      parents: [[baseId, 'Finetune', 100_000]],
      datasets: [hashOf(0x33)],
      shareSupply: 1_000n,
      licenseTerms: terms({ price: 100n * MDL }),
    }, { send });
    derivedId = derived.id;
    assert.equal(derivedId, 2n);
    // Registering consumed nothing of Bob's licence.
    assert.deepEqual(await rpc('models_licenseStatus', [baseId.toString(), bob.address, null]),
      { valid: { expiresAt: null, usesLeft: 1, commercialUse: true } });

    const model = await rpc('models_getModel', [derivedId.toString(), null]);
    // Ids are decimal strings in JSON.
    assert.equal(model.id, derivedId.toString());
    assert.equal(model.shareSupply, '1000');
    assert.deepEqual(model.parents, [{ model: baseId.toString(), relation: 'finetune', royalty: 100_000 }]);
    assert.equal(model.depth, 1);
    assert.equal(model.owner, bob.address);
    assert.equal(model.accountabilityBond, ACCOUNTABILITY_BOND.toString());
    assert.equal(model.terms.derivativeRoyaltyFloor, 0);
    const lineage = await rpc('models_getLineage', [derivedId.toString(), null]);
    assert.equal(lineage.length, 1);
    assert.equal(lineage[0].distance, 1);
    assert.equal(lineage[0].parent, baseId.toString());
    assert.equal(lineage[0].relation, 'finetune');

    // The same models through storage, decoded from metadata alone.
    const stored = (await api.query.models.models(derivedId)).unwrap();
    assert.equal(stored.owner.toString(), bob.address);
    assert.equal(stored.terms.derivativeRoyaltyFloor.toNumber(), 0);
    assert.equal(stored.parents[0].royalty.toNumber(), 100_000);
    const storedBase = (await api.query.models.models(baseId)).unwrap();
    assert.equal(storedBase.terms.derivativeRoyaltyFloor.toNumber(), 50_000);
    assert.equal((await api.query.models.modelByHash(derivedHash)).unwrap().toBigInt(), derivedId);
  });

  it('refuses a duplicate hash and an unknown parent with named errors', async () => {
    const dup = await registerModel(api, charlie, { contentHash: baseHash, meta: metadata('again'), shareSupply: 1n },
      { send, allowFailure: true });
    assert.equal(dup.reveal.error, 'models.AlreadyRegistered');
    const orphan = await registerModel(api, charlie, {
      contentHash: hashOf(0x44), meta: metadata('orphan'), parents: [[12345n, 'Adapter', 0]], shareSupply: 1n,
    }, { send, allowFailure: true });
    assert.equal(orphan.reveal.error, 'models.UnknownParent');
    // A failed reveal leaves its commitment (and what it holds) in place.
    assert.deepEqual(await modelHolds(api, charlie.address), commitmentHolds(api, 2n));
    for (const c of [dup.commit, orphan.commit]) {
      expectOk(await send(api.tx.models.cancelCommitment(c.commitment), charlie));
    }
    assert.deepEqual(await modelHolds(api, charlie.address),
      { Deposit: 0n, IncidentBond: 0n, AccountabilityBond: 0n });
  });

  it('splits a license fee up the lineage and between holders, exactly', async () => {
    expectOk(await send(api.tx.models.transferShares(derivedId, charlie.address, 250n), bob));
    const shares = await rpc('models_shares', [derivedId.toString(), charlie.address, null]);
    assert.deepEqual(shares, { balance: '250', locked: '0' });

    const daveBefore = await free(dave);
    const r = expectOk(await send(api.tx.models.purchaseLicense(derivedId, 1, 100n * MDL), dave));
    assert.equal(daveBefore - (await free(dave)), 100n * MDL + feeOf(api, r));
    const royalty = eventData(r, api.events.models.RoyaltyPaid);
    assert.equal(royalty.from.toBigInt(), derivedId);
    assert.equal(royalty.to.toBigInt(), baseId);
    assert.equal(royalty.amount.toBigInt(), 10n * MDL);

    const status = await rpc('models_licenseStatus', [derivedId.toString(), dave.address, null]);
    assert.deepEqual(status, { valid: { expiresAt: null, usesLeft: 1, commercialUse: true } });

    // Vaults: the base received Bob's 1 MDL and 10% of Dave's 100 MDL; the derivative kept 90%.
    const base = await rpc('models_getModel', [baseId.toString(), null]);
    const derived = await rpc('models_getModel', [derivedId.toString(), null]);
    assert.equal(BigInt(base.revenueReceived), 11n * MDL);
    assert.equal(BigInt(derived.revenueReceived), 90n * MDL);

    // Holders: Alice owns all of the base; Bob 75% and Charlie 25% of the derivative.
    const expected = [[alice, baseId, 11n * MDL], [bob, derivedId, 675n * MDL / 10n], [charlie, derivedId, 225n * MDL / 10n]];
    for (const [who, id, amount] of expected) {
      assert.equal(BigInt(await rpc('models_claimableRevenue', [id.toString(), who.address, null])), amount);
    }
    for (const [who, id, amount] of expected) {
      const before = await free(who);
      const claim = expectOk(await send(api.tx.models.claimRevenue(id), who));
      const claimed = eventData(claim, api.events.models.RevenueClaimed);
      assert.equal(claimed.amount.toBigInt(), amount);
      assert.equal((await free(who)) - before, amount - feeOf(api, claim));
      assert.equal(await rpc('models_claimableRevenue', [id.toString(), who.address, null]), '0');
    }
    const afterBase = await rpc('models_getModel', [baseId.toString(), null]);
    const afterDerived = await rpc('models_getModel', [derivedId.toString(), null]);
    assert.equal(BigInt(afterBase.revenueClaimed), 11n * MDL);
    assert.equal(BigInt(afterDerived.revenueClaimed), 90n * MDL);

    const again = await send(api.tx.models.claimRevenue(derivedId), charlie);
    assert.equal(again.error, 'models.NothingToClaim');
  });
});
