// Governance attacks end to end (issue 18), each on its own dev node with manual sealing.
// Dev governance (runtime/src/governance.rs): chain standard track 10 % quorum of the
// issuance, 100 blocks of voting, 50 of delay, winners locked 20 blocks after enactment;
// model standard 20 %, 100 / 20 / 20; model critical (ownership) 30 % quorum, 66 %
// approval, 100 / 50 / 50, deposit 50 MDL, threshold 5 % of the shares. Four enactment
// slots per block.
//
// 1. Share rental. Eve receives 30 % of Alice's model one block before she proposes
//    `set_model_owner(m, Eve)`; she votes aye, nobody votes nay, and the proposal passes.
//    Before, she unlocked right after `close` and handed the shares back: a ten-minute
//    rental bought the model. Now her shares stay locked until enactment + 50 blocks:
//    every hand-back fails (models.SharesLocked, dao.LockPeriodNotOver) until exactly
//    `locksUntil`, so the rental costs the whole 200 blocks, during which the holders who
//    disagree can act.
// 2. Borrowed stake. Eve borrows 300,000 MDL from the lending pool against USDM, stakes it,
//    and votes aye on the chain DAO's proposal. The stake stays frozen until enactment +
//    20 blocks: unstake fails dao.StakeLocked, repaying with the staked tokens fails, and
//    the loan accrues interest the whole time.
// 3. Borrow, stake and vote in one call: inside `lending.flashLoan` the vote has no power
//    (the snapshot is the block before: utility.BatchInterrupted with dao.NoVotingPower),
//    and as an atomic batch with a real loan the batch fails dao.NoVotingPower. The tally
//    never moves.
// 4. Queue jamming. Eve owns five one-shot models and times five model proposals to the
//    block of a real chain proposal, closing them first so that they take every slot. Her
//    closes succeed (one goes to a backlog), and the chain proposal, backlogged in the
//    chain's lane, still enacts in its block.
// 5. Delegate-list griefing. Sixteen funded but stakeless accounts try to delegate to
//    Alice: each fails dao.NoVotingPower and her list stays empty; a real staker delegates
//    and pays a held 10 MDL deposit.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { startNode, devAccounts, rawRpc, treasuryOf } from '../lib/node.js';
import { lendingHarness, FIXED } from '../lib/lending.js';
import { registerModel, metadata, terms, hashOf, holdsOf } from '../lib/models.js';

const SCENARIO_TIMEOUT_MS = 300_000;
const MDL = 1_000_000_000_000n;
const USDM = 1_000_000n;

async function startScenario() {
  const node = await startNode(['--sealing', 'manual']);
  const h = lendingHarness(node);
  await h.seal();
  const who = await devAccounts();
  const bestNumber = async () => Number((await rawRpc(node.rpcPort, 'chain_getHeader', [])).result.number);
  /** Seals blocks until the best block is `n`. */
  async function sealTo(n) {
    for (let b = await bestNumber(); b < n; b += 1) await h.seal();
  }
  const proposal = (id) => h.rpc('dao_getProposal', [id, null]);
  return { node, ...h, who, bestNumber, sealTo, proposal };
}

/** The data of the first `kind` event of a submit result. */
const first = (h, r, kind) => h.events(r, kind)[0];

describe('attack 1: a rented share stake cannot take over a model', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let t;
  before(async () => { t = await startScenario(); });
  after(async () => { if (t?.node) await t.node.stop(); });

  it('the shares stay locked through enactment and the lock period, to the block', async () => {
    const { api, submit, ok, who: { alice, eve } } = t;
    const { id: model } = await registerModel(api, alice, {
      contentHash: hashOf(0xa1), meta: metadata('rented'), shareSupply: 1000n, licenseTerms: terms(),
    }, { send: submit });
    // The rental: 30 % (the critical quorum) one block before the proposal.
    await ok(api.tx.models.transferShares(model, eve.address, 300n), alice);
    const r = await ok(api.tx.dao.propose({ Model: model }, api.tx.models.setModelOwner(model, eve.address),
      hashOf(0x01)), eve);
    const proposed = first(t, r, api.events.dao.Proposed);
    assert.equal(proposed.track.toString(), 'Critical');
    assert.equal(proposed.deposit.toBigInt(), 50n * MDL);
    const id = proposed.id.toNumber();
    const view = await t.proposal(id);
    assert.equal(view.callPallet, 'Models');
    assert.equal(view.callMethod, 'set_model_owner');
    assert.equal(view.call, api.tx.models.setModelOwner(model, eve.address).method.toHex());
    await ok(api.tx.dao.vote(id, 'Aye', 300n), eve);

    // Hand-back attempts: during the vote, after close, after enactment.
    const handBack = () => submit(api.tx.models.transferShares(model, alice.address, 300n), eve);
    assert.equal((await handBack()).error, 'models.SharesLocked');
    await t.sealTo(proposed.votingEnds.toNumber());
    const closed = await ok(api.tx.dao.close(id), eve);
    const enactAt = first(t, closed, api.events.dao.Approved).enactAt.toNumber();
    assert.equal(enactAt, proposed.votingEnds.toNumber() + 50);
    assert.equal((await submit(api.tx.dao.unlock(id), eve)).error, 'dao.LockPeriodNotOver');
    assert.equal((await handBack()).error, 'models.SharesLocked');
    await t.sealTo(enactAt);
    const enacted = await t.proposal(id);
    assert.deepEqual(enacted.status, { enacted: { ok: true } });
    assert.equal(enacted.locksUntil, enactAt + 50);
    await t.sealTo(enactAt + 47);
    assert.equal((await handBack()).error, 'models.SharesLocked');
    assert.equal((await submit(api.tx.dao.unlock(id), eve)).error, 'dao.LockPeriodNotOver');
    assert.equal(await t.bestNumber(), enactAt + 49);
    // Exactly at locksUntil the lock ends: the rental lasted from before the proposal to
    // enactment + 50 blocks, not ten minutes.
    await ok(api.tx.dao.unlock(id), eve);
    assert.equal(await t.bestNumber(), enactAt + 50);
    await ok(api.tx.models.transferShares(model, alice.address, 300n), eve);
  });
});

describe('attack 2: stake borrowed from lending stays locked past enactment', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let t;
  before(async () => { t = await startScenario(); });
  after(async () => { if (t?.node) await t.node.stop(); });

  it('the borrowed tokens cannot be unstaked or repaid until the lock ends, and interest runs', async () => {
    const { api, submit, ok, feed, who: { alice, bob, charlie, dave, eve, ferdie } } = t;
    const prices = () => feed(alice, [[0, FIXED], [1, FIXED]]);
    await prices();
    await ok(api.tx.lending.supply('Native', 600_000n * MDL), bob);
    await ok(api.tx.lending.supply({ Asset: 1 }, 900_000n * USDM), eve);
    await ok(api.tx.lending.enableCollateral({ Asset: 1 }), eve);
    const loan = 300_000n * MDL;
    await prices();
    await ok(api.tx.lending.borrow('Native', loan), eve);
    const debtAt = async () => BigInt(t.position(await t.health(eve), 'Native').debt);
    const debt0 = await debtAt();
    // Eve stakes everything she has, the borrowed tokens included; honest stakers too.
    await ok(api.tx.dao.stake(1_250_000n * MDL), eve);
    for (const w of [alice, charlie]) await ok(api.tx.dao.stake(900_000n * MDL), w);
    await ok(api.tx.balances.transferKeepAlive(treasuryOf(api), 20_000n * MDL), dave);
    const r = await ok(api.tx.dao.propose('Chain', api.tx.dao.spend(ferdie.address, 5_000n * MDL), hashOf(0x02)), eve);
    const proposed = first(t, r, api.events.dao.Proposed);
    assert.equal(proposed.track.toString(), 'Standard');
    const id = proposed.id.toNumber();
    await ok(api.tx.dao.vote(id, 'Aye', 1_250_000n * MDL), eve);
    for (const w of [alice, charlie]) await ok(api.tx.dao.vote(id, 'Aye', 900_000n * MDL), w);
    await t.sealTo(proposed.votingEnds.toNumber());
    const enactAt = first(t, await ok(api.tx.dao.close(id), bob), api.events.dao.Approved).enactAt.toNumber();
    await t.sealTo(enactAt);
    const view = await t.proposal(id);
    assert.deepEqual(view.status, { enacted: { ok: true } });
    assert.equal(view.locksUntil, enactAt + 20);

    assert.equal((await submit(api.tx.dao.unstake(loan), eve)).error, 'dao.StakeLocked');
    assert.equal((await submit(api.tx.dao.unlock(id), eve)).error, 'dao.LockPeriodNotOver');
    await prices();
    const repay = await submit(api.tx.lending.repay('Native', loan), eve);
    assert.equal(repay.error, '{"token":"Frozen"}', 'frozen stake cannot repay the loan');
    await t.sealTo(view.locksUntil - 1);
    await ok(api.tx.dao.unlock(id), eve);
    await ok(api.tx.dao.unstake(1_250_000n * MDL), eve);
    const debt1 = await debtAt();
    assert.ok(debt1 > debt0, `interest ran while locked: ${debt0} -> ${debt1}`);
    await prices();
    await ok(api.tx.lending.repayAll('Native'), eve);
  });

  it('borrowing, staking and voting in one call gains nothing and changes nothing', async () => {
    const { api, submit, ok, feed, who: { alice, eve } } = t;
    await ok(api.tx.dao.stake(10_000n * MDL), alice);
    const r = await ok(api.tx.dao.propose('Chain', api.tx.system.remark('0x00'), hashOf(0x03)), alice);
    const id = first(t, r, api.events.dao.Proposed).id.toNumber();
    const before = await t.proposal(id);
    const staked0 = (await api.query.dao.stakes(eve.address)).amount.toBigInt();
    const amount = 100_000n * MDL;
    const stakeAndVote = [api.tx.dao.stake(amount), api.tx.dao.vote(id, 'Aye', amount)];
    const unchanged = async () => {
      assert.deepEqual((await t.proposal(id)).tally, before.tally);
      assert.equal((await api.query.dao.stakes(eve.address)).amount.toBigInt(), staked0);
      assert.ok((await api.query.dao.votes(id, eve.address)).isNone);
    };
    // A flash loan: the vote inside has no power (the snapshot is the block before). The
    // loan is repaid from Eve's own free tokens, so her stake grows by her own money and
    // nothing else happens.
    const flash = await ok(api.tx.lending.flashLoan('Native', amount, api.tx.utility.batch(stakeAndVote)), eve);
    const interrupted = first(t, flash, api.events.utility.BatchInterrupted);
    assert.equal(interrupted.index.toNumber(), 1);
    assert.equal(api.registry.findMetaError(interrupted.error.asModule).name, 'NoVotingPower');
    assert.deepEqual((await t.proposal(id)).tally, before.tally);
    assert.ok((await api.query.dao.votes(id, eve.address)).isNone);
    // With nothing voted, nothing is locked: the stake comes straight back.
    await ok(api.tx.dao.unstake(amount), eve);
    await unchanged();
    // A real loan in an atomic batch: the vote fails, and the batch with it.
    await feed(alice, [[0, FIXED], [1, FIXED]]);
    const batch = await submit(api.tx.utility.batchAll([api.tx.lending.borrow('Native', amount), ...stakeAndVote]), eve);
    assert.equal(batch.error, 'dao.NoVotingPower');
    await unchanged();
    assert.equal(BigInt(t.position(await t.health(eve), 'Native').debt), 0n);
  });
});

describe('attack 4: cheap proposals cannot jam the enactment queue', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let t;
  before(async () => { t = await startScenario(); });
  after(async () => { if (t?.node) await t.node.stop(); });

  it('the attacker fills the block first; the chain proposal still enacts on time', async () => {
    const { api, submit, ok, who: { alice, bob, charlie, eve, ferdie } } = t;
    const models = [];
    for (let i = 0; i < 5; i += 1) {
      models.push((await registerModel(api, eve, {
        contentHash: hashOf(0xd0 + i), meta: metadata(`filler-${i}`), shareSupply: 1n, licenseTerms: terms(),
      }, { send: submit })).id);
    }
    await ok(api.tx.balances.transferKeepAlive(treasuryOf(api), 20_000n * MDL), bob);
    for (const w of [alice, bob, charlie]) await ok(api.tx.dao.stake(900_000n * MDL), w);
    const real = await ok(api.tx.dao.propose('Chain', api.tx.dao.spend(ferdie.address, 1_000n * MDL), hashOf(0x04)), alice);
    const proposed = first(t, real, api.events.dao.Proposed);
    const id = proposed.id.toNumber();
    for (const w of [alice, bob, charlie]) await ok(api.tx.dao.vote(id, 'Aye', 900_000n * MDL), w);
    const target = proposed.votingEnds.toNumber() + 50;
    // Model proposals made at `target - 120` end voting at `target - 20` and are due at
    // `target` (model standard: 100 blocks of voting, 20 of delay).
    await t.sealTo(target - 121);
    const props = await ok(api.tx.utility.batchAll(models.map((m, i) =>
      api.tx.dao.propose({ Model: m }, api.tx.system.remark(`0x0${i}`), hashOf(0x10 + i)))), eve);
    const flood = t.events(props, api.events.dao.Proposed).map((e) => e.id.toNumber());
    assert.equal(flood.length, 5);
    await ok(api.tx.utility.batchAll(flood.map((f) => api.tx.dao.vote(f, 'Aye', 1n))), eve);
    await t.sealTo(target - 20);
    // Eve closes first (the worst case: nobody closed the chain proposal earlier).
    const closes = await ok(api.tx.utility.batchAll(flood.map((f) => api.tx.dao.close(f))), eve);
    assert.deepEqual(t.events(closes, api.events.dao.Approved).map((e) => e.enactAt.toNumber()), Array(5).fill(target));
    assert.equal((await api.query.dao.enactments(target)).length, 4);
    const closed = await ok(api.tx.dao.close(id), bob);
    assert.equal(first(t, closed, api.events.dao.Approved).enactAt.toNumber(), target);
    assert.deepEqual((await api.query.dao.backlogEnds({ Chain: 'Standard' })).toJSON(), [0, 1]);
    const ferdie0 = (await api.query.system.account(ferdie.address)).data.free.toBigInt();
    await t.sealTo(target - 1);
    assert.equal((await t.proposal(id)).status.approved.enactAt, target);
    await t.sealTo(target);
    assert.deepEqual((await t.proposal(id)).status, { enacted: { ok: true } });
    assert.equal((await api.query.system.account(ferdie.address)).data.free.toBigInt(), ferdie0 + 1_000n * MDL);
    for (const f of flood) assert.ok('enacted' in (await t.proposal(f)).status, `flood ${f} enacted too`);
  });
});

describe('attack 5: empty accounts cannot fill a delegate\'s list', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let t;
  before(async () => { t = await startScenario(); });
  after(async () => { if (t?.node) await t.node.stop(); });

  it('sixteen stakeless accounts are refused; a staker delegates and pays a deposit', async () => {
    const { api, submit, ok, who: { alice, bob, eve } } = t;
    const keyring = new Keyring({ type: 'sr25519' });
    const throwaways = Array.from({ length: 16 }, (_, i) => keyring.addFromUri(`//Throwaway${i}`));
    await ok(api.tx.utility.batchAll(throwaways.map((a) => api.tx.balances.transferKeepAlive(a.address, 2n * MDL))), eve);
    for (const a of throwaways) {
      assert.equal((await submit(api.tx.dao.delegate('Chain', alice.address), a)).error, 'dao.NoVotingPower');
    }
    assert.equal((await api.query.dao.delegators('Chain', alice.address)).length, 0);
    await ok(api.tx.dao.stake(10n * MDL), bob);
    const r = await ok(api.tx.dao.delegate('Chain', alice.address), bob);
    assert.equal(first(t, r, api.events.dao.Delegated).deposit.toBigInt(), 10n * MDL);
    assert.deepEqual((await api.query.dao.delegators('Chain', alice.address)).map((a) => a.toString()), [bob.address]);
    assert.deepEqual(await holdsOf(api, bob.address), { 'dao.DelegationDeposit': 10n * MDL });
    assert.equal((await submit(api.tx.dao.delegate('Chain', alice.address), bob)).error, 'dao.AlreadyDelegating');
  });
});
