// The four user journeys of docs/user-guide.md, end to end through the real node (manual
// sealing, one node per journey), with the exact extrinsics the guide lists:
// 1. Model economy: a base model and a derivative; the derivative's DAO votes a new licence
//    price; a user buys a licence; the ancestor's royalty and the holders' revenue arrive,
//    and every holder claims exactly its share.
// 2. Credit cycle: the feeder publishes prices, Alice supplies, Bob borrows, the price
//    crashes, Charlie liquidates; a second crash leaves bad debt that the market's
//    reserves cover as far as they reach, the rest becomes a deficit that is then covered.
//    The RPC's health figures match what the chain does at each step.
// 3. DAO capital: a chain proposal supplies treasury USDM to a lending market, enacted after
//    the delay; a flash loan taken to vote gains no voting power.
// 4. Accountability: an incident is reported, ruled on by the chain DAO (a critical-track
//    proposal, enacted before the report's deadline), and the bonds and flags move.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { manualNode } from '../lib/suite.js';
import { lendingHarness } from '../lib/lending.js';
import { treasuryOf } from '../lib/node.js';
import {
  registerModel, metadata, terms, hashOf, eventData, feeOf, accountOf, rpc,
  MDL, INCIDENT_BOND, SEVERITY_MULTIPLIER, ACCOUNTABILITY_BOND,
} from '../lib/models.js';

const TIMEOUT_MS = 300_000;
const FIXED = 10n ** 18n;
const USDM = 1_000_000n;
const STABLE = { Asset: 1 };
const STAKE = 900_000n * MDL;

/** Helpers every journey uses, over a `manualNode()` context. */
function journey(t) {
  const first = (r, kind) => eventData(r, kind);
  const blockNumber = async () => (await t.api.rpc.chain.getHeader()).number.toNumber();
  const sealTo = async (n) => t.sealMany(Math.max(0, n - await blockNumber()));
  /**
   * Proposes `call` in `scope`, has `voters` ([signer, amount]) vote aye, closes it after
   * voting and seals up to its enactment block, which must be `delay` blocks after voting
   * ended; returns that block's events.
   */
  const governed = async (scope, call, voters, hashByte, delay) => {
    const { api, ok } = t;
    const [[proposer]] = voters;
    const proposed = first(await ok(api.tx.dao.propose(scope, call, hashOf(hashByte)), proposer), api.events.dao.Proposed);
    const id = proposed.id.toNumber();
    for (const [who, amount] of voters) await ok(api.tx.dao.vote(id, 'Aye', amount), who);
    await sealTo(proposed.votingEnds.toNumber());
    const approved = first(await ok(api.tx.dao.close(id), proposer), api.events.dao.Approved);
    assert.ok(approved, 'Approved');
    const enactAt = approved.enactAt.toNumber();
    assert.equal(enactAt, proposed.votingEnds.toNumber() + delay);
    await sealTo(enactAt - 1);
    const hash = await t.seal();
    assert.equal(await blockNumber(), enactAt);
    const events = await api.query.system.events.at(hash);
    return { id, track: proposed.track.toString(), events };
  };
  const find = (events, kind) => events.find(({ event }) => kind.is(event))?.event.data;
  return { first, blockNumber, sealTo, governed, find };
}

describe('journey 1: the model economy', { timeout: TIMEOUT_MS }, () => {
  const t = manualNode();
  let j;
  before(() => { j = journey(t); });

  it('licence revenue reaches the ancestor and every holder, who claim it exactly', async () => {
    const { api, ok, send, alice, bob, charlie, dave, eve } = t;
    // Alice registers the base model (1,000 shares, 10 MDL a licence, derivatives owe at
    // least 10 %) and sells a quarter of it to Dave.
    const { id: base } = await registerModel(api, alice, {
      contentHash: hashOf(0xa1), meta: metadata('journey-base'), shareSupply: 1_000n,
      licenseTerms: terms({ price: 10n * MDL, royaltyFloor: 100_000 }),
    }, { send });
    await ok(api.tx.models.transferShares(base, dave.address, 250n), alice);
    // Bob licenses the base (10 MDL to its holders) and registers a fine-tune that pays it
    // 20 %; Eve takes 400 of its 1,000 shares.
    await ok(api.tx.models.purchaseLicense(base, 1, 10n * MDL), bob);
    const { id: derived } = await registerModel(api, bob, {
      contentHash: hashOf(0xa2), meta: metadata('journey-derived'), shareSupply: 1_000n,
      parents: [[base, 'Finetune', 200_000]], licenseTerms: terms({ price: 5n * MDL }),
    }, { send });
    await ok(api.tx.models.transferShares(derived, eve.address, 400n), bob);

    // The derivative's DAO (its shareholders) raises the price to 20 MDL: a standard-track
    // model proposal, voted with shares, enacted after the delay.
    const newTerms = terms({ price: 20n * MDL });
    const { track, events } = await j.governed({ Model: derived }, api.tx.models.setLicenseTerms(derived, newTerms),
      [[bob, 600n], [eve, 400n]], 0xa3, 20);
    assert.equal(track, 'Standard');
    assert.ok(j.find(events, api.events.dao.Enacted).result.isOk);
    const stored = (await api.query.models.models(derived)).unwrap().terms.kind.asPerUse.price.toBigInt();
    assert.equal(stored, 20n * MDL);

    // Charlie buys a licence at the new price: 20 % (4 MDL) climbs to the base, 16 MDL stay
    // with the derivative's holders.
    const bought = await ok(api.tx.models.purchaseLicense(derived, 1, 20n * MDL), charlie);
    const royalty = j.first(bought, api.events.models.RoyaltyPaid);
    assert.equal(royalty.from.toBigInt(), derived);
    assert.equal(royalty.to.toBigInt(), base);
    assert.equal(royalty.amount.toBigInt(), 4n * MDL);
    const status = await rpc(t.node, 'models_licenseStatus', [String(derived), charlie.address, null]);
    assert.ok(status.valid, JSON.stringify(status));

    // Claims: base 750/250 of (10 + 4) MDL, derivative 600/400 of 16 MDL, to the unit.
    const expected = [
      [alice, base, 10_500_000_000_000n], [dave, base, 3_500_000_000_000n],
      [bob, derived, 9_600_000_000_000n], [eve, derived, 6_400_000_000_000n],
    ];
    for (const [who, model, amount] of expected) {
      assert.equal(BigInt(await rpc(t.node, 'models_claimableRevenue', [String(model), who.address, null])), amount);
      const before = (await accountOf(api, who.address)).free;
      const r = await ok(api.tx.models.claimRevenue(model), who);
      assert.equal(j.first(r, api.events.models.RevenueClaimed).amount.toBigInt(), amount);
      assert.equal((await accountOf(api, who.address)).free - before, amount - feeOf(api, r));
      assert.equal(await rpc(t.node, 'models_claimableRevenue', [String(model), who.address, null]), '0');
    }
  });
});

describe('journey 2: the credit cycle', { timeout: TIMEOUT_MS }, () => {
  const t = manualNode();
  let l;
  before(() => { l = lendingHarness(t.node); });

  it('supply, borrow, crash, liquidation, write-off covered by reserves then by a cover', async () => {
    const { api, alice, bob, charlie } = t;
    const prices = (mdl) => l.feed(alice, [[0, mdl], [1, FIXED]]);
    // Alice feeds MDL at $2 and USDM at $1; she supplies 20,000 USDM; Bob supplies 1,000
    // MDL as collateral (60 % LTV: a $1,200 limit) and borrows 1,100 USDM.
    await prices(2n * FIXED);
    await l.ok(api.tx.lending.supply(STABLE, 20_000n * USDM), alice);
    await l.ok(api.tx.lending.supply('Native', 1_000n * MDL), bob);
    await l.ok(api.tx.lending.enableCollateral('Native'), bob);
    await l.ok(api.tx.lending.borrow(STABLE, 1_100n * USDM), bob);
    let h = await l.health(bob);
    assert.equal(BigInt(h.borrowLimit), 1_200n * FIXED);
    assert.equal(BigInt(h.liquidationLimit), 1_400n * FIXED); // 70 % threshold
    assert.equal(h.liquidatable, false);
    // Healthy: a liquidation is refused, as the RPC says. (Prices live 30 s, five blocks of
    // this sealed chain: they are fed again before each step. A stale collateral price
    // counts as 0 to a liquidation; see docs/pallets/lending.md, "Prices and staleness".)
    await prices(2n * FIXED);
    assert.equal((await l.health(bob)).liquidatable, false);
    const early = await l.submit(api.tx.lending.liquidate(bob.address, STABLE, 'Native', 100n * USDM), charlie);
    assert.equal(early.error, 'lending.NotLiquidatable');

    // MDL falls to $1.50: limit 1,050 < debt. The RPC says liquidatable, and Charlie can.
    await prices(3n * FIXED / 2n);
    h = await l.health(bob);
    assert.equal(h.liquidatable, true);
    assert.equal(BigInt(h.liquidationLimit), 1_050n * FIXED); // 70 % of 1,000 MDL at $1.50
    assert.ok(BigInt(h.healthFactor) < FIXED);
    const liq = await l.ok(api.tx.lending.liquidate(bob.address, STABLE, 'Native', 300n * USDM), charlie);
    const done = l.events(liq, api.events.lending.Liquidated)[0];
    assert.equal(done.repaid.toBigInt(), 300n * USDM);
    assert.equal(done.seized.toBigInt(), 216n * MDL); // 300 × 1.08 / 1.5
    h = await l.health(bob);
    const debtAfter = BigInt(l.position(h, STABLE).debt);
    assert.ok(debtAfter > 790n * USDM && debtAfter < 810n * USDM, `debt ${debtAfter}`);

    // MDL collapses to a ten-thousandth of a dollar, 40 % a block (the oracle pauses a key
    // that jumps more than 50 % at once and keeps serving the old price to liquidations).
    // Bob's collateral is then worth about 8 cents: the next liquidation seizes all of it
    // and writes the rest of the debt off in the same call. The USDM market's reserves
    // cover what they can; the rest becomes its deficit.
    let mdl = 3n * FIXED / 2n;
    while (mdl > FIXED / 10_000n) {
      mdl = (mdl * 6n) / 10n;
      await prices(mdl);
    }
    assert.equal((await api.query.oracle.keys({ AssetPrice: 0 })).unwrap().combined.unwrap().value.toBigInt(), mdl);
    const before = await l.market(STABLE);
    const wo = await l.ok(api.tx.lending.liquidate(bob.address, STABLE, 'Native', 1_000n * USDM), charlie);
    const off = l.events(wo, api.events.lending.BadDebtWrittenOff).find((e) => e.asset.isAsset);
    assert.ok(off, 'BadDebtWrittenOff for USDM');
    const covered = off.coveredByReserves.toBigInt();
    const deficit = off.deficit.toBigInt();
    // A position's debt rounds up, the market's total does not: the write-off is capped at
    // the market's borrows (Bob is its only borrower), a unit or two below the event's debt.
    const dust = off.debt.toBigInt() - (covered + deficit);
    assert.ok(dust >= 0n && dust <= 2n, `rounding dust ${dust}`);
    assert.ok(covered > 0n, 'the reserves covered part of the loss');
    const after = await l.market(STABLE);
    assert.equal(BigInt(after.totalBorrows), 0n);
    assert.equal(BigInt(after.deficit), BigInt(before.deficit) + deficit);
    assert.equal(BigInt(after.totalReserves), 0n, 'reserves are spent before anything becomes a deficit');
    h = await l.health(bob);
    assert.equal(BigInt(l.position(h, STABLE).debt), 0n);
    assert.equal(h.liquidatable, false);

    // Anyone (here Alice; on a live chain the treasury through the DAO) covers the deficit.
    await l.ok(api.tx.lending.coverDeficit(STABLE, deficit), alice);
    assert.equal(BigInt((await l.market(STABLE)).deficit), 0n);
  });
});

describe('journey 3: DAO capital', { timeout: TIMEOUT_MS }, () => {
  const t = manualNode();
  let j;
  let l;
  before(() => {
    j = journey(t);
    l = lendingHarness(t.node);
  });

  it('the treasury supplies through an enacted proposal; a flash loan buys no vote', async () => {
    const { api, ok, alice, bob, charlie, dave, eve } = t;
    const treasury = treasuryOf(api);
    for (const w of [alice, bob, charlie, dave]) await ok(api.tx.dao.stake(STAKE), w);
    // Ferdie's supply is the cash a flash loan of MDL draws on.
    await ok(api.tx.lending.supply('Native', 150_000n * MDL), t.ferdie);
    const usdm0 = await l.assetBalance(1, treasury);

    // A chain proposal: the treasury supplies 100,000 USDM. `dispatch_as_treasury` is on the
    // critical track: 100 blocks of voting and 50 of delay on the dev chain.
    const call = api.tx.dao.dispatchAsTreasury(api.tx.lending.supply(STABLE, 100_000n * USDM));
    const proposed = j.first(await ok(api.tx.dao.propose('Chain', call, hashOf(0xb1)), alice), api.events.dao.Proposed);
    const id = proposed.id.toNumber();
    assert.equal(proposed.track.toString(), 'Critical');

    // Eve flash-borrows 100,000 MDL, stakes it and votes inside the loan: the vote counts
    // power at the snapshot (the block before the proposal), where she had no stake.
    const amount = 100_000n * MDL;
    const flash = await ok(api.tx.lending.flashLoan('Native', amount,
      api.tx.utility.batch([api.tx.dao.stake(amount), api.tx.dao.vote(id, 'Aye', amount)])), eve);
    const interrupted = j.first(flash, api.events.utility.BatchInterrupted);
    assert.equal(interrupted.index.toNumber(), 1);
    assert.equal(api.registry.findMetaError(interrupted.error.asModule).name, 'NoVotingPower');
    assert.ok((await api.query.dao.votes(id, eve.address)).isNone);
    const power = await rpc(t.node, 'dao_getProposal', [id, null]);
    assert.equal(power.tally.aye, '0');

    // The stakers pass it; it enacts exactly at the announced block.
    for (const w of [alice, bob, charlie, dave]) await ok(api.tx.dao.vote(id, 'Aye', STAKE), w);
    await j.sealTo(proposed.votingEnds.toNumber());
    const approved = j.first(await ok(api.tx.dao.close(id), alice), api.events.dao.Approved);
    const enactAt = approved.enactAt.toNumber();
    assert.equal(enactAt, proposed.votingEnds.toNumber() + 50);
    await j.sealTo(enactAt - 1);
    assert.equal(BigInt(l.position(await l.health(treasury), STABLE).supplied), 0n, 'nothing before the delay');
    const r = await t.send(api.tx.system.remark('0x'), t.ferdie);
    const events = await api.query.system.events.at(r.blockHash);
    assert.ok(j.find(events, api.events.dao.TreasuryDispatched).result.isOk);
    assert.equal(BigInt(l.position(await l.health(treasury), STABLE).supplied), 100_000n * USDM);
    assert.equal(await l.assetBalance(1, treasury), usdm0 - 100_000n * USDM);
  });
});

describe('journey 4: accountability', { timeout: TIMEOUT_MS }, () => {
  const t = manualNode();
  let j;
  before(() => { j = journey(t); });

  it('a report ruled on by the chain DAO pays the reporter from the bond and flags the lineage', async () => {
    const { api, ok, send, alice, bob, charlie, dave, eve } = t;
    const { id: base } = await registerModel(api, alice, {
      contentHash: hashOf(0xc1), meta: metadata('accountable-base'), shareSupply: 100n, licenseTerms: terms({ price: MDL }),
    }, { send });
    await ok(api.tx.models.purchaseLicense(base, 1, MDL), bob);
    const { id: child } = await registerModel(api, bob, {
      contentHash: hashOf(0xc2), meta: metadata('accountable-child'), shareSupply: 100n,
      parents: [[base, 'Finetune', 0]], licenseTerms: terms({ price: MDL }),
    }, { send });
    for (const w of [alice, bob, charlie, dave]) await ok(api.tx.dao.stake(STAKE), w);

    // Eve reports a critical incident on the base: 8 × 10 MDL held.
    const bond = INCIDENT_BOND * SEVERITY_MULTIPLIER.Critical;
    const e0 = await accountOf(api, eve.address);
    const report = await ok(api.tx.models.reportIncident(base, null, hashOf(0xc3), 'Critical'), eve);
    const reported = eventData(report, api.events.models.IncidentReported);
    assert.equal(reported.bond.toBigInt(), bond);
    const incident = reported.id.toNumber();
    const reportBlock = (await api.rpc.chain.getHeader(report.blockHash)).number.toNumber();
    assert.equal(reported.deadline.toNumber(), reportBlock + 200);
    const e1 = await accountOf(api, eve.address);
    assert.equal(e0.free - e1.free, bond + feeOf(api, report));
    const a1 = await accountOf(api, alice.address);

    // The chain DAO upholds it: a critical-track proposal, enacted before the deadline.
    const { track, events } = await j.governed('Chain', api.tx.models.resolveIncident(incident, true),
      [[alice, STAKE], [bob, STAKE], [charlie, STAKE], [dave, STAKE]], 0xc4, 50);
    assert.equal(track, 'Critical');
    assert.ok(await j.blockNumber() < reported.deadline.toNumber(), 'ruled before the deadline');
    assert.ok(j.find(events, api.events.dao.Enacted).result.isOk);
    const upheld = j.find(events, api.events.models.IncidentUpheld);
    assert.equal(upheld.reward.toBigInt(), bond);
    assert.equal(upheld.flagged.isTrue, true);

    // The reporter: bond back plus an equal reward. The owner: the accountability bond
    // is down by the reward.
    const e2 = await accountOf(api, eve.address);
    assert.equal(e2.free - e1.free, 2n * bond);
    const a2 = await accountOf(api, alice.address);
    assert.equal(a1.reserved - a2.reserved, bond);
    const model = await rpc(t.node, 'models_getModel', [String(base), null]);
    assert.equal(model.flagged, true);
    assert.equal(model.upheldIncidents, 1);
    assert.equal(BigInt(model.accountabilityBond), ACCOUNTABILITY_BOND - bond);
    // The flag reaches the lineage; the base can't be sold, the child still can (marked).
    const lineage = await rpc(t.node, 'models_getLineage', [String(child), null]);
    assert.equal(lineage[0].parentFlagged, true);
    assert.equal((await rpc(t.node, 'models_getModel', [String(child), null])).ancestorFlagged, true);
    assert.equal((await send(api.tx.models.purchaseLicense(base, 1, MDL), charlie)).error, 'models.ModelFlagged');
    await ok(api.tx.models.purchaseLicense(child, 1, MDL), charlie);
  });
});
