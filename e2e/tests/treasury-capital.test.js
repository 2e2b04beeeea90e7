// DAO capital (issue 19): the chain treasury supplies to a lending market and withdraws,
// each time only through a chain-DAO proposal, and the lending RPC shows its position.
//
// The treasury starts with 900,000 USDM free (1,000,000 less the 100,000 it put into the
// DEX's MDL/USDM pool). `dao.dispatch_as_treasury(call)` is on the critical track (20 %
// quorum of the issuance, 66 % approval, 100 blocks of voting, 50 of delay on the dev
// chain): Alice, Bob, Charlie and Dave stake 900,000 MDL each and vote aye.
// - proposal 1: `lending.supply(USDM, 100,000)` as the treasury; after enactment the RPC
//   reports the treasury supplying exactly 100,000 USDM (the market was empty: one share
//   per unit) and its free USDM is 800,000;
// - nobody can move the treasury's position directly: Eve's withdraw is her own (nothing);
// - proposal 2: `lending.withdraw_all(USDM)` as the treasury brings back exactly 100,000
//   USDM (no borrower, so no interest) and the position is gone.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, devAccounts, treasuryOf } from '../lib/node.js';
import { lendingHarness } from '../lib/lending.js';
import { hashOf } from '../lib/models.js';

const TIMEOUT_MS = 300_000;
const MDL = 1_000_000_000_000n;
const USDM = 1_000_000n;
const STABLE = { Asset: 1 };

describe('DAO capital in lending', { timeout: TIMEOUT_MS }, () => {
  let node;
  let t;
  before(async () => {
    node = await startNode(['--sealing', 'manual']);
    t = lendingHarness(node);
    await t.seal();
  });
  after(async () => { if (node) await node.stop(); });

  const first = (r, kind) => t.events(r, kind)[0];
  async function sealTo(n) {
    for (let b = (await t.api.rpc.chain.getHeader()).number.toNumber(); b < n; b += 1) await t.seal();
  }

  /** Proposes `call` as the treasury, passes it and returns the enactment block's result. */
  async function governed(call, voters) {
    const { api, ok } = t;
    const [proposer] = voters;
    const r = await ok(api.tx.dao.propose('Chain', api.tx.dao.dispatchAsTreasury(call), hashOf(0x71)), proposer);
    const proposed = first(r, api.events.dao.Proposed);
    assert.equal(proposed.track.toString(), 'Critical');
    const id = proposed.id.toNumber();
    for (const w of voters) await ok(api.tx.dao.vote(id, 'Aye', 900_000n * MDL), w);
    await sealTo(proposed.votingEnds.toNumber());
    const enactAt = first(await ok(api.tx.dao.close(id), proposer), api.events.dao.Approved).enactAt.toNumber();
    await sealTo(enactAt - 1);
    const block = await t.seal();
    const events = await api.query.system.events.at(block);
    const dispatched = events.find(({ event }) => api.events.dao.TreasuryDispatched.is(event));
    assert.ok(dispatched, 'TreasuryDispatched at the enactment block');
    return dispatched.event.data.result;
  }

  it('supplies and withdraws only through proposals, and the RPC shows the position', async () => {
    const { api, ok } = t;
    const { alice, bob, charlie, dave, eve } = await devAccounts();
    const treasury = treasuryOf(api);
    const voters = [alice, bob, charlie, dave];
    for (const w of voters) await ok(api.tx.dao.stake(900_000n * MDL), w);
    assert.equal(await t.assetBalance(1, treasury), 900_000n * USDM);
    assert.equal(BigInt(t.position(await t.health(treasury), STABLE).supplied), 0n);

    const supplied = await governed(api.tx.lending.supply(STABLE, 100_000n * USDM), voters);
    assert.ok(supplied.isOk, `supply as the treasury: ${supplied.toString()}`);
    const h = await t.health(treasury);
    assert.equal(BigInt(t.position(h, STABLE).supplied), 100_000n * USDM);
    assert.equal(BigInt(t.position(h, STABLE).debt), 0n);
    assert.equal(await t.storedShares(treasury, STABLE), 100_000n * USDM);
    assert.equal(await t.assetBalance(1, treasury), 800_000n * USDM);

    // Eve can only withdraw her own supply, of which there is none.
    const stolen = await t.submit(api.tx.lending.withdraw(STABLE, USDM), eve);
    assert.equal(stolen.error, 'lending.NoSupply');
    assert.equal(await t.storedShares(treasury, STABLE), 100_000n * USDM);

    const withdrawn = await governed(api.tx.lending.withdrawAll(STABLE), voters);
    assert.ok(withdrawn.isOk, `withdraw as the treasury: ${withdrawn.toString()}`);
    assert.equal(await t.assetBalance(1, treasury), 900_000n * USDM);
    assert.equal(await t.storedShares(treasury, STABLE), 0n);
    assert.equal(BigInt(t.position(await t.health(treasury), STABLE).supplied), 0n);
  });
});
