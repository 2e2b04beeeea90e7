// A governed runtime upgrade end to end (issue 18), on a dev node with manual sealing.
//
// The fixture is the same runtime with `spec_version` one higher (runtime feature
// `upgrade-fixture`), built next to the real one when MODELCHAIN_UPGRADE_FIXTURE is set
// (scripts/env.sh sets it); scripts/test.sh passes its path as MODELCHAIN_UPGRADE_WASM.
//
// 1. State to keep: Alice registers a model and gives Bob shares, Bob supplies to lending,
//    the DAO gets a standard proposal, Alice, Bob and Charlie stake 900,000 MDL each.
// 2. Alice notes `system.set_code(fixture)` as a preimage (the call is ~0.7 MB, far above
//    the 4 KiB inline limit) and proposes it to the chain DAO with `propose_preimage`:
//    the runtime puts `set_code` on the critical track (20 % quorum, 66 % approval, 100
//    blocks of voting, 50 of delay), whose chain proposals are enacted as Root.
// 3. The three vote aye; after the vote and the delay the proposal is enacted:
//    the proposal is `enacted: { ok: true }` and `:code` holds the fixture.
// 4. After the upgrade the node keeps sealing and finalising blocks,
//    `state_getRuntimeVersion` says 115, a new transaction goes through, and the model,
//    the lending market and positions, the stakes and the earlier proposal read back
//    exactly as before.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { startNode, devAccounts, rawRpc } from '../lib/node.js';
import { lendingHarness } from '../lib/lending.js';
import { registerModel, metadata, terms, hashOf } from '../lib/models.js';

const TIMEOUT_MS = 600_000;
const MDL = 1_000_000_000_000n;
const FIXTURE = process.env.MODELCHAIN_UPGRADE_WASM;

describe('a runtime upgrade through the chain DAO', { timeout: TIMEOUT_MS }, () => {
  let node;
  let t;
  before(async () => {
    assert.ok(FIXTURE && existsSync(FIXTURE),
      'MODELCHAIN_UPGRADE_WASM must name the upgrade fixture; build the node with MODELCHAIN_UPGRADE_FIXTURE=1 '
      + '(scripts/env.sh does) and run through scripts/test.sh');
    node = await startNode(['--sealing', 'manual']);
    t = lendingHarness(node);
    await t.seal();
  });
  after(async () => { if (node) await node.stop(); });

  const rpc = (method, params) => rawRpc(node.rpcPort, method, params).then((a) => {
    assert.ok(!a.error, `${method}: ${JSON.stringify(a.error)}`);
    return a.result;
  });
  const best = async () => Number((await rpc('chain_getHeader', [])).number);
  async function sealTo(n) {
    for (let b = await best(); b < n; b += 1) await t.seal();
  }
  const first = (r, kind) => t.events(r, kind)[0];

  it('passes on the critical track, is enacted as Root, and keeps every state', async () => {
    const { api, ok } = t;
    const { alice, bob, charlie } = await devAccounts();
    const version0 = await rpc('state_getRuntimeVersion', []);
    assert.equal(version0.specVersion, 114);

    // 1. State that must survive.
    const { id: model } = await registerModel(api, alice, {
      contentHash: hashOf(0xe1), meta: metadata('kept'), shareSupply: 1000n, licenseTerms: terms(),
    }, { send: t.submit });
    await ok(api.tx.models.transferShares(model, bob.address, 250n), alice);
    await ok(api.tx.lending.supply('Native', 1_000n * MDL), bob);
    for (const w of [alice, bob, charlie]) await ok(api.tx.dao.stake(900_000n * MDL), w);
    const earlier = first(await ok(api.tx.dao.propose('Chain', api.tx.system.remark('0x01'), hashOf(0x05)), bob),
      api.events.dao.Proposed).id.toNumber();

    // 2. The upgrade, by preimage.
    const code = readFileSync(FIXTURE);
    const setCode = api.tx.system.setCode(`0x${code.toString('hex')}`);
    const bytes = setCode.method.toU8a();
    const noted = await ok(api.tx.preimage.notePreimage(setCode.method.toHex()), alice);
    const hash = first(noted, api.events.preimage.Noted)[0].toHex();
    assert.ok(bytes.length > 4096);
    const r = await ok(api.tx.dao.proposePreimage('Chain', hash, bytes.length, hashOf(0x06)), alice);
    const proposed = first(r, api.events.dao.Proposed);
    assert.equal(proposed.track.toString(), 'Critical');
    assert.equal(proposed.callHash.toHex(), hash);
    const id = proposed.id.toNumber();
    const view = await rpc('dao_getProposal', [id, null]);
    assert.equal(view.callPallet, 'System');
    assert.equal(view.callMethod, 'set_code');
    assert.equal(view.track, 'critical');

    // 3. The vote and the delay.
    for (const w of [alice, bob, charlie]) await ok(api.tx.dao.vote(id, 'Aye', 900_000n * MDL), w);
    await sealTo(proposed.votingEnds.toNumber());
    const closed = await ok(api.tx.dao.close(id), bob);
    const enactAt = first(closed, api.events.dao.Approved).enactAt.toNumber();
    assert.equal(enactAt, proposed.votingEnds.toNumber() + 50);

    const snapshot = async () => ({
      model: (await api.query.models.models(model)).toJSON(),
      modelRpc: await rpc('models_getModel', [model.toString(), null]),
      market: (await api.query.lending.markets('Native')).toJSON(),
      positions: (await api.query.lending.positions(bob.address)).toJSON(),
      stakes: await Promise.all([alice, bob, charlie].map(async (w) => (await api.query.dao.stakes(w.address)).toJSON())),
      earlier: (await api.query.dao.proposals(earlier)).toJSON(),
      issuance: (await api.query.balances.totalIssuance()).toString(),
    });
    await sealTo(enactAt - 1);
    const before = await snapshot();
    const upgradeBlock = await t.seal();
    // Read through raw RPC: @polkadot/api swaps its registry when it sees the new runtime,
    // and a decode racing with the swap can fail on a busy machine.
    assert.deepEqual((await rpc('dao_getProposal', [id, upgradeBlock])).status, { enacted: { ok: true } });
    assert.equal(await rpc('state_getStorage', ['0x3a636f6465', upgradeBlock]), `0x${code.toString('hex')}`,
      'the new code is stored at the enactment block');
    // 4. The chain goes on under the new runtime.
    const finalized0 = Number((await rpc('chain_getHeader', [await rpc('chain_getFinalizedHead', [])])).number);
    for (let i = 0; i < 3; i += 1) await t.seal();
    const version1 = await rpc('state_getRuntimeVersion', []);
    assert.equal(version1.specVersion, 115);
    assert.equal(version1.specName, 'modelchain');
    // Let @polkadot/api finish moving to the new runtime before reading through it.
    for (let i = 0; i < 100 && api.runtimeVersion.specVersion.toNumber() !== 115; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(api.runtimeVersion.specVersion.toNumber(), 115);
    const finalized1 = Number((await rpc('chain_getHeader', [await rpc('chain_getFinalizedHead', [])])).number);
    assert.ok(finalized1 >= finalized0 + 3, `finalised ${finalized0} -> ${finalized1}`);
    assert.deepEqual(await snapshot(), before);
    // A transaction signed for the new version goes through.
    await ok(api.tx.balances.transferKeepAlive(charlie.address, MDL), alice);
    assert.equal(Number((await api.rpc.state.getRuntimeVersion()).specVersion), 115);
  });
});
