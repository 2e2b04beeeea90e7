// DAO end to end with manual sealing, so voting periods of 100 blocks and enactment delays
// of 20 or 50 blocks take seconds.
// - Model DAO: Alice registers a model (commit–reveal) and gives Bob 40% of it; Alice proposes to change the
//   model's license price; shares received after the proposal give Charlie no vote; Alice
//   and Bob vote; the proposal closes, waits out its delay, and the models pallet applies
//   the new terms under the model DAO's origin (a price change is on the standard track).
//   Bob, who lost, unlocks at once; Alice's aye stays locked 20 blocks past enactment.
// - Chain DAO: Alice, Bob and Charlie stake; Alice proposes to change the oracle's maximum
//   price age for asset 1 (oracle keys are on the critical track: 20 % quorum, 66 %
//   approval); after the vote and the 50-block delay, the oracle's stored key
//   configuration has changed under the chain DAO's origin.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, rawRpc, manualSealing } from '../lib/node.js';
import { terms as licenseTerms, metadata, registerModel } from '../lib/models.js';

const SUITE_TIMEOUT_MS = 300_000;
const MDL = 1_000_000_000_000n;

/** Per-use terms at `price`, no royalty floor (`derivativeRoyaltyFloor` 0). */
const terms = (price) => licenseTerms({ price, royaltyFloor: 0 });

describe('model DAO proposal through the node', { timeout: SUITE_TIMEOUT_MS }, () => {
  let node;
  let api;
  let alice;
  let bob;
  let charlie;
  let dave;
  const modelHash = `0x${'5a'.repeat(32)}`;
  // Ids come from a counter: read from the ModelRegistered event at registration.
  let modelId;

  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    [alice, bob, charlie, dave] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((u) => keyring.addFromUri(u));
    node = await startNode(['--sealing', 'manual']);
    api = node.api;
    ({ seal, submit } = manualSealing(node));
  });

  after(async () => {
    if (node) await node.stop();
  });

  let seal;
  let submit;

  async function sealMany(count) {
    for (let i = 0; i < count; i += 1) await seal();
  }

  // Over plain HTTP: @polkadot/api may answer a repeated `getHeader()` from its cache.
  const bestNumber = async () => Number((await rawRpc(node.rpcPort, 'chain_getHeader', [])).result.number);

  it('passes, waits out its delay, and is enacted with the model DAO origin', async () => {
    // Commit–reveal: `submit` seals one block per transaction, so the reveal comes one
    // block after the commitment.
    ({ id: modelId } = await registerModel(api, alice, {
      contentHash: modelHash,
      meta: metadata('m', { uri: 'u', licenseId: 'x', tags: [] }),
      shareSupply: 1000n,
      licenseTerms: terms(5n * MDL),
    }, { send: submit }));
    assert.equal(modelId, 1n);
    let r = await submit(api.tx.models.transferShares(modelId, bob.address, 400n), alice);
    assert.equal(r.error, null);
    await seal();

    const newTerms = api.tx.models.setLicenseTerms(modelId, terms(9n * MDL));
    r = await submit(api.tx.dao.propose({ Model: modelId }, newTerms, `0x${'01'.repeat(32)}`), alice);
    assert.equal(r.error, null);
    const proposed = r.events.find(({ event }) => api.events.dao.Proposed.is(event)).event.data;
    const id = proposed.id.toNumber();

    // Shares that arrive after the snapshot carry no vote.
    r = await submit(api.tx.models.transferShares(modelId, charlie.address, 100n), alice);
    assert.equal(r.error, null);
    r = await submit(api.tx.dao.vote(id, 'Aye', 100n), charlie);
    assert.equal(r.error, 'dao.NoVotingPower');

    assert.equal((await submit(api.tx.dao.vote(id, 'Aye', 500n), alice)).error, null);
    assert.equal((await submit(api.tx.dao.vote(id, 'Nay', 400n), bob)).error, null);
    // Voted shares are locked.
    assert.equal((await submit(api.tx.models.transferShares(modelId, charlie.address, 1n), bob)).error, 'models.SharesLocked');

    const view = (await rawRpc(node.rpcPort, 'dao_getProposal', [id, null])).result;
    assert.deepEqual(view.tally, { aye: '500', nay: '400', abstain: '0' });
    assert.equal(view.electorate, '1000');
    assert.equal(view.quorumNeeded, '200');
    assert.equal(view.passing, true);
    assert.deepEqual(view.scope, { model: modelId.toString() });
    assert.equal(view.track, 'standard');
    assert.equal(view.locksUntil, null);
    assert.equal(view.call, newTerms.method.toHex());
    assert.equal(view.callPallet, 'Models');
    assert.equal(view.callMethod, 'set_license_terms');
    const power = (await rawRpc(node.rpcPort, 'dao_votingPower', [{ model: modelId.toString() }, bob.address, null])).result;
    assert.deepEqual(power, { atSnapshot: '400', lockable: '400' });

    // Voting ends 100 blocks after the proposal; closing earlier fails.
    assert.equal((await submit(api.tx.dao.close(id), charlie)).error, 'dao.VotingOpen');
    const votingEnds = proposed.votingEnds.toNumber();
    await sealMany(votingEnds - (await bestNumber()));
    r = await submit(api.tx.dao.close(id), charlie);
    assert.equal(r.error, null);
    const approved = r.events.find(({ event }) => api.events.dao.Approved.is(event)).event.data;
    const enactAt = approved.enactAt.toNumber();
    assert.equal(enactAt, votingEnds + 20);

    // Not before the delay...
    await sealMany(enactAt - 1 - (await bestNumber()));
    let model = (await api.query.models.models(modelId)).unwrap();
    assert.equal(model.terms.kind.asPerUse.price.toBigInt(), 5n * MDL);
    // ...and exactly at it, under the model DAO's origin.
    const enactBlock = await seal();
    model = (await api.query.models.models(modelId)).unwrap();
    assert.equal(model.terms.kind.asPerUse.price.toBigInt(), 9n * MDL);
    const enacted = (await api.query.system.events.at(enactBlock)).find(({ event }) => api.events.dao.Enacted.is(event));
    assert.ok(enacted, 'Enacted event');
    assert.ok(enacted.event.data.result.isOk);

    // Bob voted on the losing side: he unlocks and his shares move again. Alice's aye
    // stays locked for the lock period (20 blocks) after enactment.
    assert.equal((await submit(api.tx.dao.unlock(id), bob)).error, null);
    assert.equal((await submit(api.tx.models.transferShares(modelId, charlie.address, 1n), bob)).error, null);
    assert.equal((await rawRpc(node.rpcPort, 'dao_getProposal', [id, null])).result.locksUntil, enactAt + 20);
    assert.equal((await submit(api.tx.dao.unlock(id), alice)).error, 'dao.LockPeriodNotOver');
    await sealMany(enactAt + 19 - (await bestNumber()));
    assert.equal((await submit(api.tx.dao.unlock(id), alice)).error, null);
  });

  it('a chain proposal changes an oracle parameter after its delay', async () => {
    const key = { AssetPrice: 1 };
    const before = (await api.query.oracle.keys(key)).unwrap().config;
    assert.equal(before.maxAge.toNumber(), 30_000);
    // The critical track's quorum is 20% of issuance (at most 12M MDL in the dev preset):
    // stake 3 × 900k MDL.
    for (const who of [alice, bob, charlie]) {
      assert.equal((await submit(api.tx.dao.stake(900_000n * MDL), who)).error, null);
    }
    const newConfig = { ...before.toJSON(), maxAge: 45_000 };
    const call = api.tx.oracle.setKeyConfig(key, newConfig);
    let r = await submit(api.tx.dao.propose('Chain', call, `0x${'02'.repeat(32)}`), alice);
    assert.equal(r.error, null);
    const proposed = r.events.find(({ event }) => api.events.dao.Proposed.is(event)).event.data;
    assert.equal(proposed.track.toString(), 'Critical');
    assert.equal(proposed.deposit.toBigInt(), 100n * MDL);
    const id = proposed.id.toNumber();
    for (const who of [alice, bob, charlie]) {
      assert.equal((await submit(api.tx.dao.vote(id, 'Aye', 900_000n * MDL), who)).error, null);
    }
    // Staked tokens that voted cannot be unstaked while the vote is open.
    assert.equal((await submit(api.tx.dao.unstake(1n), bob)).error, 'dao.StakeLocked');
    await sealMany(proposed.votingEnds.toNumber() - (await bestNumber()));
    r = await submit(api.tx.dao.close(id), dave);
    assert.equal(r.error, null);
    const enactAt = r.events.find(({ event }) => api.events.dao.Approved.is(event)).event.data.enactAt.toNumber();
    assert.equal(enactAt, proposed.votingEnds.toNumber() + 50);
    await sealMany(enactAt - 1 - (await bestNumber()));
    assert.equal((await api.query.oracle.keys(key)).unwrap().config.maxAge.toNumber(), 30_000);
    const enactBlock = await seal();
    assert.equal((await api.query.oracle.keys(key)).unwrap().config.maxAge.toNumber(), 45_000);
    const enacted = (await api.query.system.events.at(enactBlock)).find(({ event }) => api.events.dao.Enacted.is(event));
    assert.ok(enacted.event.data.result.isOk);
  });
});
