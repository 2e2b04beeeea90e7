// Models attacks end to end: each scenario on its own dev node with manual sealing, each
// attack must fail through the real node, with the balances and holds of everyone involved
// asserted exactly. Runtime constants (runtime/src/lib.rs): a commitment holds the flat
// record deposit (`models.RegistrationDeposit`) and the 80 MDL accountability bond, the
// reveal ≥ 1 block after the commitment moves no money, report bond 10 MDL ×
// {1, 2, 4, 8} by severity, royalties Σ ≤ 50%; the dev preset's report deadline is 20
// blocks. Root (Alice's sudo) stands in for a model's governance and for the arbiter.
//
// a. Front-running a registration: Alice's commitment is sealed; her reveal, Eve's copy of
//    it (same hash and salt, 10 MDL tip) and Eve's own fresh commitment for the same hash
//    go into ONE block. Eve's copy is ordered first (the tip) and fails NoCommitment (the
//    commitment is bound to Alice's account); Alice owns model 1; Eve's own reveal in the
//    next block fails AlreadyRegistered. Eve lost exactly her fees; her commitment's
//    deposit and bond stay held until she cancels it.
// b. A hand-over that charges the new owner: the model's governance (Root) makes a
//    stranger (Dave) owner and publishes versions 1 and 2; Dave's free, reserved and
//    frozen balances and his holds are unchanged to the unit; governance pays no deposit
//    either (Alice, the registrant, pays only her fees). Versions must be latest + 1; the
//    signed owner cannot hand over or retire alone.
// c. Dodging lineage royalties: a zero (or 4.9999%) royalty to a parent with a 5% floor
//    fails RoyaltyBelowFloor, a parent that forbids derivatives fails
//    DerivativesNotAllowed, a paid parent without a licence fails ParentLicenseRequired,
//    51% fails RoyaltyTotalTooHigh. Each failure costs only the fee; the commitment
//    stays. At exactly the floor it registers, and a 100 MDL sale pays the parent 5 MDL.
// d. Unmetered pay-per-use: the licensee recording its own use fails NotOperator; the
//    owner records the one paid use; the next record fails LicenseExhausted and
//    `models_licenseStatus` says expired. A named operator records; a removed one cannot.
// e. A frozen owner: the owner freezes its whole balance with a DAO stake; Root upholds a
//    Critical report: the reporter's free balance rises by exactly bond + reward (160
//    MDL), the owner's accountability-bond hold falls by the reward (80 MDL → 0), its free
//    balance does not move, and purchases fail ModelFlagged (then BondTooLow once the
//    flag is cleared: the bond is spent).
// f. A stuck bond: an unruled report cannot be expired before its deadline
//    (DeadlineNotReached, at the deadline block too); one block after, anyone returns the
//    bond exactly, and a ruling then fails IncidentClosed. A ruling after the deadline
//    fails DeadlinePassed.
// g. `models_listModels` and `models_licenses` page through the account indexes: limit 1
//    chained through `next` lists every model once.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, devAccounts } from '../lib/node.js';
import {
  MDL, ACCOUNTABILITY_BOND, registrationDeposit, commitmentHolds, INCIDENT_BOND, SEVERITY_MULTIPLIER, DEV_INCIDENT_DEADLINE,
  terms, metadata, hashOf, manualSender, registerModel, revealTx, commit, commitmentOf, eventData, feeOf,
  expectOk, sudo as sudoCall, accountOf, holdsOf, modelHolds, rpc, allPages,
} from '../lib/models.js';

const SCENARIO_TIMEOUT_MS = 180_000;
const VALID_ONE_USE = { valid: { expiresAt: null, usesLeft: 1, commercialUse: true } };
const NO_MODEL_HOLDS = { Deposit: 0n, IncidentBond: 0n, AccountabilityBond: 0n };

/** A manually sealed dev node, one block sealed, with the models helpers bound to it. */
async function startScenario() {
  const node = await startNode(['--sealing', 'manual']);
  const s = manualSender(node);
  await s.seal();
  const { api } = node;
  const who = await devAccounts();
  return {
    node,
    api,
    who,
    ...s,
    register: (signer, params) => registerModel(api, signer, params, { send: s.send }),
    sudo: (call) => sudoCall(api, s.send, who.alice, call),
    rpc: (method, params) => rpc(node, method, params),
    // Over plain HTTP: @polkadot/api may answer a repeated `getHeader()` (best block) from
    // its cache of an identical call made moments before.
    blockNumber: async (hash) => Number((await rpc(node, 'chain_getHeader', hash ? [hash] : [])).number),
  };
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0n);

describe('attack a: a copied reveal with a higher tip, in the same block', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let t;
  before(async () => { t = await startScenario(); });
  after(async () => { if (t?.node) await t.node.stop(); });

  it('Alice keeps her model; Eve\'s copy fails NoCommitment, her own reveal AlreadyRegistered', async () => {
    const { api, send, sendAll, who: { alice, eve } } = t;
    const contentHash = hashOf(0xa1);
    const aliceSalt = hashOf(0xa2);
    const eveSalt = hashOf(0xe1);
    const eve0 = await accountOf(api, eve.address);
    const alice0 = await accountOf(api, alice.address);

    const c = expectOk(await commit(api, send, alice, contentHash, aliceSalt));
    assert.equal(c.commitment, commitmentOf(api, contentHash, alice.address, aliceSalt));
    assert.deepEqual(await modelHolds(api, alice.address), commitmentHolds(api));

    // Eve sees Alice's reveal in the pool: she copies it with a tip, and commits to the
    // same hash herself. All three are sealed in one block.
    const params = {
      contentHash, salt: aliceSalt, meta: metadata('alice-model'), shareSupply: 1_000n, licenseTerms: terms({ price: MDL }),
    };
    const eveCommitment = commitmentOf(api, contentHash, eve.address, eveSalt);
    const [aliceReveal, eveCopy, eveCommit] = await sendAll([
      [revealTx(api, params), alice],
      [revealTx(api, params), eve, { tip: 10n * MDL }],
      [api.tx.models.commitRegistration(eveCommitment), eve],
    ]);
    for (const r of [aliceReveal, eveCopy, eveCommit]) {
      assert.ok(r.index >= 0, 'all three in the block');
      assert.equal(r.blockHash, aliceReveal.blockHash);
    }
    // The tip bought Eve's copy the first place in the block, and nothing else.
    assert.ok(eveCopy.index < aliceReveal.index, `copy at ${eveCopy.index}, Alice's reveal at ${aliceReveal.index}`);
    assert.equal(eveCopy.error, 'models.NoCommitment');
    assert.equal(eveCommit.error, null);
    assert.equal(aliceReveal.error, null);
    assert.equal(eventData(eveCopy, api.events.models.ModelRegistered), undefined);
    const registered = eventData(aliceReveal, api.events.models.ModelRegistered);
    assert.equal(registered.owner.toString(), alice.address);
    assert.equal(registered.model.toBigInt(), 1n);
    assert.equal(registered.contentHash.toHex(), contentHash);
    const deposit = registered.deposit.toBigInt();
    assert.equal(registered.bond.toBigInt(), ACCOUNTABILITY_BOND);
    // The copy's fee includes the tip.
    const copyFee = feeOf(api, eveCopy);
    assert.equal(eventData(eveCopy, api.events.transactionPayment.TransactionFeePaid).tip.toBigInt(), 10n * MDL);
    assert.ok(copyFee > 10n * MDL);

    const model = await t.rpc('models_getModel', ['1', null]);
    assert.equal(model.owner, alice.address);
    assert.equal(model.contentHash, contentHash);
    assert.equal((await api.query.models.modelByHash(contentHash)).unwrap().toBigInt(), 1n);

    // Eve's own commitment is a block old now, but the hash is taken.
    const late = await send(revealTx(api, { ...params, salt: eveSalt, meta: metadata('eve-model') }), eve);
    assert.equal(late.error, 'models.AlreadyRegistered');
    assert.equal((await t.rpc('models_getModel', ['2', null])), null);

    // Exact books: Alice paid her fees, the deposit and the bond (held since her commit, now
    // the model's); Eve paid fees, and her commitment's deposit and bond are still held.
    const alice1 = await accountOf(api, alice.address);
    assert.equal(alice0.free - alice1.free, feeOf(api, c) + feeOf(api, aliceReveal) + deposit + ACCOUNTABILITY_BOND);
    assert.deepEqual(await modelHolds(api, alice.address),
      { ...NO_MODEL_HOLDS, Deposit: deposit, AccountabilityBond: ACCOUNTABILITY_BOND });
    const eve1 = await accountOf(api, eve.address);
    const eveFees = copyFee + feeOf(api, eveCommit) + feeOf(api, late);
    assert.equal(eve0.free - eve1.free, eveFees + registrationDeposit(api) + ACCOUNTABILITY_BOND);
    assert.deepEqual(await modelHolds(api, eve.address), commitmentHolds(api));

    // Eve takes her commitment's deposit and bond back.
    const cancel = expectOk(await send(api.tx.models.cancelCommitment(eveCommitment), eve));
    const eve2 = await accountOf(api, eve.address);
    assert.equal(eve0.free - eve2.free, eveFees + feeOf(api, cancel));
    assert.deepEqual(await modelHolds(api, eve.address), NO_MODEL_HOLDS);
  });
});

describe('attack b: governance hands a model to a stranger and publishes versions', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let t;
  before(async () => { t = await startScenario(); });
  after(async () => { if (t?.node) await t.node.stop(); });

  it('the stranger\'s balances and holds do not move; governance pays no deposit', async () => {
    const { api, send, sudo, who: { alice, dave } } = t;
    const { id, deposit } = await t.register(alice, { contentHash: hashOf(0xb0), meta: metadata('handed-over') });
    const dave0 = await accountOf(api, dave.address);
    const daveHolds0 = await holdsOf(api, dave.address);
    assert.deepEqual(daveHolds0, {});
    const alice0 = await accountOf(api, alice.address);
    const aliceHolds0 = await modelHolds(api, alice.address);
    assert.deepEqual(aliceHolds0, { ...NO_MODEL_HOLDS, Deposit: deposit, AccountabilityBond: ACCOUNTABILITY_BOND });
    const aliceFees = [];

    // The signed owner alone can neither hand the model over nor retire it.
    let r = await send(api.tx.models.setModelOwner(id, dave.address), alice);
    assert.equal(r.error, 'models.GovernanceRequired');
    aliceFees.push(feeOf(api, r));
    r = await send(api.tx.models.setModelStatus(id, 'Retired'), alice);
    assert.equal(r.error, 'models.GovernanceRequired');
    aliceFees.push(feeOf(api, r));

    r = await sudo(api.tx.models.setModelOwner(id, dave.address));
    assert.equal(r.error, null);
    aliceFees.push(feeOf(api, r));
    assert.equal(eventData(r, api.events.models.OwnerChanged).owner.toString(), dave.address);

    for (const [number, hash, contributors] of [[1, hashOf(0xb1), []], [2, hashOf(0xb2), [[dave.address, 1]]]]) {
      r = await sudo(api.tx.models.publishVersion(id, number, hash, null, contributors));
      assert.equal(r.error, null, `version ${number}: ${r.error}`);
      aliceFees.push(feeOf(api, r));
      const published = eventData(r, api.events.models.VersionPublished);
      assert.equal(published.version.toNumber(), number);
      assert.equal(published.deposit.toBigInt(), 0n, 'governance publishes without a deposit');
    }
    // Versions go up by exactly one.
    for (const number of [2, 4]) {
      r = await sudo(api.tx.models.publishVersion(id, number, hashOf(0xb4), null, []));
      assert.equal(r.error, 'models.VersionNotSequential', `version ${number}`);
      aliceFees.push(feeOf(api, r));
    }
    // Alice is no longer the model's manager.
    r = await send(api.tx.models.publishVersion(id, 3, hashOf(0xb3), null, []), alice);
    assert.equal(r.error, 'models.NotModelManager');
    aliceFees.push(feeOf(api, r));

    // The stranger: not one unit moved, no hold appeared.
    assert.deepEqual(await accountOf(api, dave.address), dave0);
    assert.deepEqual(await holdsOf(api, dave.address), daveHolds0);
    // The registrant paid fees only: her holds are as before.
    assert.deepEqual(await modelHolds(api, alice.address), aliceHolds0);
    assert.equal(alice0.free - (await accountOf(api, alice.address)).free, sum(aliceFees));

    const model = await t.rpc('models_getModel', [id.toString(), null]);
    assert.equal(model.owner, dave.address);
    assert.deepEqual(model.versions.map((v) => v.number), [1, 2]);
    assert.deepEqual(model.versions[1].contributors, [[dave.address, 1]]);
    const owned = await t.rpc('models_listModels', [{ owner: dave.address }, null, null]);
    assert.deepEqual(owned.items.map((m) => m.id), [id.toString()]);
    assert.deepEqual((await t.rpc('models_listModels', [{ owner: alice.address }, null, null])).items, []);
    // Alice still holds every share.
    assert.deepEqual((await t.rpc('models_listModels', [{ holder: alice.address }, null, null])).items.map((m) => m.id),
      [id.toString()]);
  });
});

describe('attack c: dodging lineage royalties and parents\' terms', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let t;
  let floored;
  let closed;
  let unlicensed;
  before(async () => {
    t = await startScenario();
    const { alice } = t.who;
    floored = (await t.register(alice, { contentHash: hashOf(0xc1), meta: metadata('floor-5'),
      licenseTerms: terms({ price: MDL, royaltyFloor: 50_000 }) })).id;
    closed = (await t.register(alice, { contentHash: hashOf(0xc2), meta: metadata('no-derivatives'),
      licenseTerms: terms({ price: MDL, derivativesAllowed: false }) })).id;
    unlicensed = (await t.register(alice, { contentHash: hashOf(0xc3), meta: metadata('paid'),
      licenseTerms: terms({ price: MDL }) })).id;
  });
  after(async () => { if (t?.node) await t.node.stop(); });

  it('below the floor, a closed parent, no licence, over 50%: all refused at the fee\'s cost', async () => {
    const { api, send, who: { bob, dave } } = t;
    // Bob holds licences of the floored and the closed parent (not of the third).
    for (const parent of [floored, closed]) {
      expectOk(await send(api.tx.models.purchaseLicense(parent, 1, MDL), bob));
    }
    const contentHash = hashOf(0xd1);
    const salt = hashOf(0xd2);
    expectOk(await commit(api, send, bob, contentHash, salt));
    const bob0 = await accountOf(api, bob.address);
    assert.deepEqual(await modelHolds(api, bob.address), commitmentHolds(api));

    const derivative = (parents) => revealTx(api, {
      contentHash, salt, meta: metadata('derivative'), parents, shareSupply: 100n, licenseTerms: terms({ price: 100n * MDL }),
    });
    const attempts = [
      [[[floored, 'Finetune', 0]], 'models.RoyaltyBelowFloor'],
      [[[floored, 'Finetune', 49_999]], 'models.RoyaltyBelowFloor'],
      [[[closed, 'Adapter', 100_000]], 'models.DerivativesNotAllowed'],
      [[[unlicensed, 'Merge', 0]], 'models.ParentLicenseRequired'],
      [[[floored, 'Finetune', 500_001]], 'models.RoyaltyTotalTooHigh'],
    ];
    const fees = [];
    for (const [parents, expected] of attempts) {
      const r = await send(derivative(parents), bob);
      assert.equal(r.error, expected, `parents ${JSON.stringify(parents.map(([m, rel, p]) => [m.toString(), rel, p]))}`);
      fees.push(feeOf(api, r));
      // Nothing held or released: the commitment stays for the next try.
      assert.deepEqual(await modelHolds(api, bob.address), commitmentHolds(api));
      assert.equal(bob0.free - (await accountOf(api, bob.address)).free, sum(fees));
    }

    // Exactly at the floor it registers.
    const ok = expectOk(await send(derivative([[floored, 'Finetune', 50_000]]), bob));
    fees.push(feeOf(api, ok));
    const registered = eventData(ok, api.events.models.ModelRegistered);
    const id = registered.model.toBigInt();
    const deposit = registered.deposit.toBigInt();
    assert.equal(id, 4n);
    assert.deepEqual(await modelHolds(api, bob.address),
      { ...NO_MODEL_HOLDS, Deposit: deposit, AccountabilityBond: ACCOUNTABILITY_BOND });
    // The reveal moved no money: the deposit and bond were held at the commit.
    assert.equal(deposit, registrationDeposit(api));
    assert.equal(bob0.free - (await accountOf(api, bob.address)).free, sum(fees));
    const model = await t.rpc('models_getModel', [id.toString(), null]);
    assert.deepEqual(model.parents, [{ model: floored.toString(), relation: 'finetune', royalty: 50_000 }]);

    // The floor is paid: 5% of a 100 MDL sale goes to the parent.
    const sale = expectOk(await send(api.tx.models.purchaseLicense(id, 1, 100n * MDL), dave));
    const royalty = eventData(sale, api.events.models.RoyaltyPaid);
    assert.equal(royalty.to.toBigInt(), floored);
    assert.equal(royalty.amount.toBigInt(), 5n * MDL);
    const parent = await t.rpc('models_getModel', [floored.toString(), null]);
    assert.equal(BigInt(parent.revenueReceived), MDL + 5n * MDL); // Bob's licence + the royalty
    assert.equal(BigInt((await t.rpc('models_getModel', [id.toString(), null])).revenueReceived), 95n * MDL);
  });
});

describe('attack d: an unmetered pay-per-use licence', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let t;
  let id;
  before(async () => {
    t = await startScenario();
    id = (await t.register(t.who.alice, { contentHash: hashOf(0xd0), meta: metadata('metered'),
      licenseTerms: terms({ price: 2n * MDL }) })).id;
  });
  after(async () => { if (t?.node) await t.node.stop(); });

  it('only the owner or a named operator records uses; a spent licence is expired', async () => {
    const { api, send, who: { alice, charlie, dave, eve } } = t;
    const status = () => t.rpc('models_licenseStatus', [id.toString(), dave.address, null]);
    const dave0 = await accountOf(api, dave.address);
    const daveFees = [];
    let r = expectOk(await send(api.tx.models.purchaseLicense(id, 1, 2n * MDL), dave));
    daveFees.push(feeOf(api, r));
    assert.deepEqual(await status(), VALID_ONE_USE);

    // The licensee cannot meter itself, nor make itself an operator.
    r = await send(api.tx.models.recordUse(id, dave.address, 1), dave);
    assert.equal(r.error, 'models.NotOperator');
    daveFees.push(feeOf(api, r));
    r = await send(api.tx.models.setOperator(id, dave.address, true), dave);
    assert.equal(r.error, 'models.NotModelManager');
    daveFees.push(feeOf(api, r));
    assert.deepEqual(await status(), VALID_ONE_USE);
    assert.equal(dave0.free - (await accountOf(api, dave.address)).free, 2n * MDL + sum(daveFees));

    // The owner records: all or nothing, never below zero.
    r = await send(api.tx.models.recordUse(id, dave.address, 2), alice);
    assert.equal(r.error, 'models.LicenseExhausted');
    assert.deepEqual(await status(), VALID_ONE_USE);
    r = expectOk(await send(api.tx.models.recordUse(id, dave.address, 1), alice));
    const used = eventData(r, api.events.models.LicenseUsed);
    assert.equal(used.operator.toString(), alice.address);
    assert.equal(used.uses.toNumber(), 1);
    assert.equal(used.usesLeft.toNumber(), 0);
    r = await send(api.tx.models.recordUse(id, dave.address, 1), alice);
    assert.equal(r.error, 'models.LicenseExhausted');
    assert.equal(await status(), 'expired');
    assert.deepEqual(await t.rpc('models_licenses', [dave.address, null, null]),
      { items: [{ model: id.toString(), status: 'expired' }], next: null });
    // No licence at all.
    r = await send(api.tx.models.recordUse(id, eve.address, 1), alice);
    assert.equal(r.error, 'models.NoLicense');

    // A named operator records; once removed, it cannot.
    r = await send(api.tx.models.recordUse(id, dave.address, 1), charlie);
    assert.equal(r.error, 'models.NotOperator');
    expectOk(await send(api.tx.models.setOperator(id, charlie.address, true), alice));
    expectOk(await send(api.tx.models.purchaseLicense(id, 1, 2n * MDL), dave));
    assert.deepEqual(await status(), VALID_ONE_USE);
    r = expectOk(await send(api.tx.models.recordUse(id, dave.address, 1), charlie));
    assert.equal(eventData(r, api.events.models.LicenseUsed).operator.toString(), charlie.address);
    assert.equal(await status(), 'expired');
    expectOk(await send(api.tx.models.setOperator(id, charlie.address, false), alice));
    expectOk(await send(api.tx.models.purchaseLicense(id, 1, 2n * MDL), dave));
    r = await send(api.tx.models.recordUse(id, dave.address, 1), charlie);
    assert.equal(r.error, 'models.NotOperator');
    assert.deepEqual(await status(), VALID_ONE_USE);
    // Three uses were bought, at 2 MDL each.
    assert.equal(BigInt((await t.rpc('models_getModel', [id.toString(), null])).revenueReceived), 6n * MDL);
  });
});

describe('attack e: a frozen owner cannot dodge an upheld report', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let t;
  let id;
  let deposit;
  before(async () => {
    t = await startScenario();
    ({ id, deposit } = await t.register(t.who.ferdie, { contentHash: hashOf(0xe0), meta: metadata('frozen-owner'),
      licenseTerms: terms({ price: MDL }) }));
  });
  after(async () => { if (t?.node) await t.node.stop(); });

  it('the reporter gets bond + reward from the bond hold; the model is flagged', async () => {
    const { api, send, sudo, who: { ferdie, eve, dave } } = t;
    // Sales work before the report.
    expectOk(await send(api.tx.models.purchaseLicense(id, 1, MDL), dave));

    // Ferdie freezes his whole balance (held funds included) with a governance stake.
    const a = await accountOf(api, ferdie.address);
    const stakeTx = api.tx.dao.stake(1n);
    const estimate = (await stakeTx.paymentInfo(ferdie)).partialFee.toBigInt();
    const stake = a.free + a.reserved - 2n * estimate;
    expectOk(await send(api.tx.dao.stake(stake), ferdie));
    const f1 = await accountOf(api, ferdie.address);
    assert.equal(f1.frozen, stake);
    assert.ok(f1.frozen >= f1.free, `frozen ${f1.frozen} must cover free ${f1.free}`);
    assert.ok(f1.frozen > f1.free + f1.reserved - ACCOUNTABILITY_BOND,
      'the freeze reaches into the held bond: a polite payout could not take it');
    const ferdieHolds1 = await modelHolds(api, ferdie.address);
    assert.deepEqual(ferdieHolds1, { ...NO_MODEL_HOLDS, Deposit: deposit, AccountabilityBond: ACCOUNTABILITY_BOND });

    // Eve reports a critical incident: 8 × 10 MDL bond.
    const bond = INCIDENT_BOND * SEVERITY_MULTIPLIER.Critical;
    const e0 = await accountOf(api, eve.address);
    const report = expectOk(await send(api.tx.models.reportIncident(id, null, hashOf(0xee), 'Critical'), eve));
    const reported = eventData(report, api.events.models.IncidentReported);
    assert.equal(reported.bond.toBigInt(), bond);
    const incident = reported.id.toNumber();
    const e1 = await accountOf(api, eve.address);
    assert.equal(e0.free - e1.free, bond + feeOf(api, report));
    assert.deepEqual(await modelHolds(api, eve.address), { ...NO_MODEL_HOLDS, IncidentBond: bond });

    // The arbiter upholds it.
    const ruling = await sudo(api.tx.models.resolveIncident(incident, true));
    assert.equal(ruling.error, null);
    const upheld = eventData(ruling, api.events.models.IncidentUpheld);
    assert.equal(upheld.reward.toBigInt(), bond);
    assert.equal(upheld.flagged.isTrue, true);

    // Reporter: bond back + a reward equal to the bond, to the unit (Alice paid the sudo fee).
    const e2 = await accountOf(api, eve.address);
    assert.equal(e2.free - e1.free, bond + bond);
    assert.equal(e2.free - e0.free, bond - feeOf(api, report));
    assert.deepEqual(await modelHolds(api, eve.address), NO_MODEL_HOLDS);
    // Owner: the bond hold fell by the reward; free balance, deposit and freeze untouched.
    const f2 = await accountOf(api, ferdie.address);
    assert.equal(f2.free, f1.free);
    assert.equal(f2.frozen, f1.frozen);
    assert.equal(f1.reserved - f2.reserved, bond);
    assert.deepEqual(await modelHolds(api, ferdie.address),
      { ...ferdieHolds1, AccountabilityBond: ferdieHolds1.AccountabilityBond - bond });

    const model = await t.rpc('models_getModel', [id.toString(), null]);
    assert.equal(model.flagged, true);
    assert.equal(model.accountabilityBond, '0');
    assert.equal(model.upheldIncidents, 1);
    assert.equal(model.openIncidents, 0);

    // No sales while flagged; once the flag is cleared, none while the bond is spent.
    const d0 = await accountOf(api, dave.address);
    let r = await send(api.tx.models.purchaseLicense(id, 1, MDL), dave);
    assert.equal(r.error, 'models.ModelFlagged');
    assert.equal(d0.free - (await accountOf(api, dave.address)).free, feeOf(api, r));
    assert.equal((await sudo(api.tx.models.clearFlag(id))).error, null);
    r = await send(api.tx.models.purchaseLicense(id, 1, MDL), dave);
    assert.equal(r.error, 'models.BondTooLow');
  });
});

describe('attack f: a report nobody rules on', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let t;
  let id;
  before(async () => {
    t = await startScenario();
    id = (await t.register(t.who.alice, { contentHash: hashOf(0xf0), meta: metadata('unruled') })).id;
  });
  after(async () => { if (t?.node) await t.node.stop(); });

  it('the bond comes back exactly after the deadline, and not before', async () => {
    const { api, send, sudo, sealMany, blockNumber, who: { eve, charlie } } = t;
    const e0 = await accountOf(api, eve.address);
    const report = expectOk(await send(api.tx.models.reportIncident(id, null, hashOf(0xef), 'Low'), eve));
    const reported = eventData(report, api.events.models.IncidentReported);
    const incident = reported.id.toNumber();
    const deadline = reported.deadline.toNumber();
    assert.equal(reported.bond.toBigInt(), INCIDENT_BOND);
    assert.equal(deadline, (await blockNumber(report.blockHash)) + DEV_INCIDENT_DEADLINE);
    const e1 = await accountOf(api, eve.address);
    assert.equal(e0.free - e1.free, INCIDENT_BOND + feeOf(api, report));
    assert.deepEqual(await modelHolds(api, eve.address), { ...NO_MODEL_HOLDS, IncidentBond: INCIDENT_BOND });

    // Too early, right after the report and in the deadline block itself.
    let r = await send(api.tx.models.expireIncident(incident), charlie);
    assert.equal(r.error, 'models.DeadlineNotReached');
    await sealMany(deadline - 1 - (await blockNumber()));
    r = await send(api.tx.models.expireIncident(incident), charlie);
    assert.equal(await blockNumber(r.blockHash), deadline);
    assert.equal(r.error, 'models.DeadlineNotReached');
    assert.deepEqual(await accountOf(api, eve.address), e1);

    // One block after the deadline anyone returns the bond, exactly.
    r = expectOk(await send(api.tx.models.expireIncident(incident), charlie));
    assert.equal(await blockNumber(r.blockHash), deadline + 1);
    assert.equal(eventData(r, api.events.models.IncidentExpired).bondReturned.toBigInt(), INCIDENT_BOND);
    const e2 = await accountOf(api, eve.address);
    assert.equal(e2.free - e1.free, INCIDENT_BOND);
    assert.equal(e2.free, e0.free - feeOf(api, report));
    assert.deepEqual(await modelHolds(api, eve.address), NO_MODEL_HOLDS);

    // The report is closed: no ruling, no second expiry.
    for (const upheld of [true, false]) {
      assert.equal((await sudo(api.tx.models.resolveIncident(incident, upheld))).error, 'models.IncidentClosed');
    }
    assert.equal((await send(api.tx.models.expireIncident(incident), charlie)).error, 'models.IncidentClosed');
    assert.deepEqual(await accountOf(api, eve.address), e2);
    const model = await t.rpc('models_getModel', [id.toString(), null]);
    assert.equal(model.openIncidents, 0);
    assert.equal(model.upheldIncidents, 0);
    assert.equal(model.accountabilityBond, ACCOUNTABILITY_BOND.toString());
  });

  it('a ruling after the deadline fails DeadlinePassed; expiry still returns the bond', async () => {
    const { api, send, sudo, sealMany, blockNumber, who: { eve } } = t;
    const bond = INCIDENT_BOND * SEVERITY_MULTIPLIER.Medium;
    const report = expectOk(await send(api.tx.models.reportIncident(id, null, hashOf(0xed), 'Medium'), eve));
    const reported = eventData(report, api.events.models.IncidentReported);
    assert.equal(reported.bond.toBigInt(), bond);
    const e1 = await accountOf(api, eve.address);
    await sealMany(reported.deadline.toNumber() - (await blockNumber()));
    const late = await sudo(api.tx.models.resolveIncident(reported.id, true));
    assert.equal(await blockNumber(late.blockHash), reported.deadline.toNumber() + 1);
    assert.equal(late.error, 'models.DeadlinePassed');
    assert.deepEqual(await accountOf(api, eve.address), e1);
    const r = expectOk(await send(api.tx.models.expireIncident(reported.id), eve));
    assert.equal((await accountOf(api, eve.address)).free - e1.free, bond - feeOf(api, r));
    assert.deepEqual(await modelHolds(api, eve.address), NO_MODEL_HOLDS);
  });
});

describe('models_listModels and models_licenses page through the indexes', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let t;
  const ids = [];
  before(async () => {
    t = await startScenario();
    const { api, send, who: { alice, charlie, dave } } = t;
    for (const byte of [0x71, 0x72, 0x73]) {
      ids.push((await t.register(alice, { contentHash: hashOf(byte), meta: metadata(`listed-${byte}`),
        shareSupply: 100n, licenseTerms: terms({ price: MDL }) })).id);
    }
    expectOk(await send(api.tx.models.transferShares(ids[1], charlie.address, 10n), alice));
    for (const id of ids) expectOk(await send(api.tx.models.purchaseLicense(id, 1, MDL), dave));
  });
  after(async () => { if (t?.node) await t.node.stop(); });

  const idSet = (items, key = 'id') => new Set(items.map((x) => x[key]));

  it('lists an owner\'s and a holder\'s models, one per page, each once', async () => {
    const { who: { alice, charlie, eve } } = t;
    assert.deepEqual(ids, [1n, 2n, 3n]);
    const expected = new Set(ids.map(String));
    // Default page: everything, no next page.
    const whole = await t.rpc('models_listModels', [{ owner: alice.address }]);
    assert.equal(whole.next, null);
    assert.deepEqual(idSet(whole.items), expected);
    for (const m of whole.items) assert.equal(m.owner, alice.address);

    const pages = await allPages(t.node, 'models_listModels', [{ owner: alice.address }], 1);
    assert.equal(pages.length, 3);
    for (const [i, page] of pages.entries()) {
      assert.equal(page.items.length, 1);
      assert.equal(page.next, i < 2 ? page.items[0].id : null);
    }
    const listed = pages.flatMap((p) => p.items.map((m) => m.id));
    assert.equal(new Set(listed).size, 3, `no model twice: ${listed}`);
    assert.deepEqual(new Set(listed), expected);
    // The same order as the whole page.
    assert.deepEqual(listed, whole.items.map((m) => m.id));

    const two = await allPages(t.node, 'models_listModels', [{ owner: alice.address }], 2);
    assert.deepEqual(two.map((p) => p.items.length), [2, 1]);
    assert.equal(two[0].next, two[0].items[1].id);
    assert.deepEqual(two.flatMap((p) => p.items.map((m) => m.id)), listed);

    // Holders: Alice holds shares of all three, Charlie of the second only.
    assert.deepEqual(idSet((await t.rpc('models_listModels', [{ holder: alice.address }, null, null])).items), expected);
    const charlieHolds = await allPages(t.node, 'models_listModels', [{ holder: charlie.address }], 1);
    assert.deepEqual(charlieHolds.map((p) => p.items.map((m) => m.id)), [[ids[1].toString()]]);
    assert.deepEqual(await t.rpc('models_listModels', [{ owner: charlie.address }, null, null]), { items: [], next: null });
    assert.deepEqual(await t.rpc('models_listModels', [{ holder: eve.address }, { startAfter: null, limit: 1 }, null]),
      { items: [], next: null });
  });

  it('lists an account\'s licences, one per page, each once', async () => {
    const { who: { dave, eve } } = t;
    const pages = await allPages(t.node, 'models_licenses', [dave.address], 1);
    assert.equal(pages.length, 3);
    for (const [i, page] of pages.entries()) {
      assert.equal(page.items.length, 1);
      assert.deepEqual(page.items[0].status, VALID_ONE_USE);
      assert.equal(page.next, i < 2 ? page.items[0].model : null);
    }
    const models = pages.flatMap((p) => p.items.map((e) => e.model));
    assert.equal(new Set(models).size, 3);
    assert.deepEqual(new Set(models), new Set(ids.map(String)));
    assert.deepEqual(await t.rpc('models_licenses', [eve.address, null, null]), { items: [], next: null });
  });
});
