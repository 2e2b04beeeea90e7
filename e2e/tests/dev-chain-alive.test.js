// A dev chain that is alive: `modelchain-node --dev` (Aura, 6-second blocks, as
// scripts/dev-node.sh runs it) serves the dev preset's prices to its own off-chain feeder,
// so MDL, USDM and gold stay fresh with nobody feeding by hand:
// - within a few blocks the oracle serves all three keys at the demo values, fed by Alice's
//   `orcl` key;
// - 40 seconds later (past the keys' 30-second life) they are still served, observed again;
// - the node seeds its demo content through its own pool (node/src/demo_seed.rs): three
//   models with a lineage (base → chat → code), each licensed once, a lender, a borrower
//   and an open chain proposal; the explorer renders them with no error (screenshot:
//   e2e/artifacts/explorer-dev-chain.png);
// - Bob supplies USDM as collateral and borrows MDL without feeding anything
//   (a borrow needs every price current).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { existsSync } from 'node:fs';
import { startNode } from '../lib/node.js';
import { instantSender, rpc } from '../lib/models.js';
import { openExplorer } from '../lib/explorer.js';

const SUITE_TIMEOUT_MS = 420_000;
const FIXED = 10n ** 18n;
const MDL = 1_000_000_000_000n;
const USDM = 1_000_000n;
const DEMO = [[0, FIXED], [1, FIXED], [2, 2_000n * FIXED]];

const sleep = (ms) => new Promise((r) => { setTimeout(r, ms); });

describe('the dev chain keeps its prices fresh by itself', { timeout: SUITE_TIMEOUT_MS }, () => {
  let node;
  let api;
  let send;
  let alice;
  let bob;
  let charlie;
  let dave;
  let eve;
  let ferdie;

  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    [alice, bob, charlie, dave, eve, ferdie] = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie']
      .map((u) => keyring.addFromUri(u));
    node = await startNode([], { demoPrices: true });
    api = node.api;
    send = instantSender(api);
  });

  after(async () => {
    if (node) await node.stop();
  });

  /** The served value and observation time of each demo key, or null if not served. */
  const served = async () => {
    const now = (await api.query.timestamp.now()).toBigInt();
    return Promise.all(DEMO.map(async ([key]) => {
      const c = (await api.query.oracle.keys({ AssetPrice: key })).unwrap().combined;
      if (c.isNone) return null;
      const v = c.unwrap();
      return v.expiresAt.toBigInt() > now ? { value: v.value.toBigInt(), at: v.updatedAt.toBigInt() } : null;
    }));
  };
  const waitServed = async (after = 0n) => {
    for (let i = 0; i < 30; i += 1) {
      const all = await served();
      if (all.every((s) => s && s.at > after)) return all;
      await sleep(2_000);
    }
    throw new Error(`demo prices not served: ${JSON.stringify(await served(), (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
  };

  it('serves MDL, USDM and gold at the demo values, fed by Alice', async () => {
    const first = await waitServed();
    assert.deepEqual(first.map((s) => s.value), DEMO.map(([, v]) => v));
    const feeds = (await api.query.oracle.keys({ AssetPrice: 2 })).unwrap().feeds;
    const feed = feeds.find(([who]) => who.eq(alice.address));
    assert.ok(feed, 'Alice fed gold');
    assert.equal(feed[1].value.toBigInt(), 2_000n * FIXED);

    // Past the keys' 30-second life: still served, observed again.
    await sleep(40_000);
    const later = await waitServed(first[0].at);
    assert.deepEqual(later.map((s) => s.value), DEMO.map(([, v]) => v));
    assert.ok(later.every((s, i) => s.at > first[i].at));
  });

  /** The demo models by name, once all three are registered (or null). */
  const demoModels = async () => {
    const all = [];
    for (const who of [bob, charlie, dave]) {
      const page = await rpc(node, 'models_listModels', [{ owner: who.address }, null, null]);
      all.push(...page.items);
    }
    const byName = Object.fromEntries(all.map((m) => [Buffer.from(m.name).toString(), m]));
    return ['demo-llm-base', 'demo-llm-chat', 'demo-llm-code'].every((n) => byName[n]) ? byName : null;
  };

  it('seeds demo models with a lineage, licences, lending positions and a proposal', async () => {
    let models = null;
    let health = null;
    let proposal = null;
    for (let i = 0; i < 60; i += 1) {
      models = await demoModels();
      health = await rpc(node, 'lending_accountHealth', [ferdie.address, null]);
      proposal = await rpc(node, 'dao_getProposal', [0, null]);
      if (models && BigInt(health.debtValue) > 0n && proposal) break;
      await sleep(2_000);
    }
    assert.ok(models, 'the three demo models are registered');
    const { 'demo-llm-base': base, 'demo-llm-chat': chat, 'demo-llm-code': code } = models;
    assert.equal(base.owner, bob.address);
    assert.equal(chat.owner, charlie.address);
    assert.equal(code.owner, dave.address);
    assert.deepEqual(chat.parents.map((p) => [p.model, p.relation, p.royalty]), [[base.id, 'finetune', 150_000]]);
    assert.deepEqual(code.parents.map((p) => [p.model, p.relation, p.royalty]), [[chat.id, 'adapter', 100_000]]);
    const lineage = await rpc(node, 'models_getLineage', [code.id, null]);
    assert.deepEqual(lineage.map((e) => [e.parent, e.distance]), [[chat.id, 1], [base.id, 2]]);
    // Each is licensed once: by the next model's owner, the last by Eve.
    for (const [model, who] of [[base, charlie], [chat, dave], [code, eve]]) {
      const status = await rpc(node, 'models_licenseStatus', [model.id, who.address, null]);
      assert.ok(status.valid, `${Buffer.from(model.name).toString()}: ${JSON.stringify(status)}`);
    }
    // Bob holds all of the base: Charlie's licence (2 MDL), 15 % of Dave's licence of the chat
    // model (0.75) and 15 % of the chat model's 10 % of Eve's licence of the code model
    // (0.045).
    assert.equal(BigInt(await rpc(node, 'models_claimableRevenue', [base.id, bob.address, null])), 2_795_000_000_000n);
    // Ferdie borrowed 5,000 MDL (plus the interest of a few blocks) against 20,000 USDM.
    const debt = BigInt(health.positions.find((p) => p.asset === 'native').debt);
    assert.ok(debt >= 5_000n * MDL && debt < 5_001n * MDL, `debt ${debt}`);
    assert.equal(BigInt(health.positions.find((p) => p.asset?.asset === 1).supplied), 20_000n * USDM);
    assert.equal(proposal.proposer, eve.address);
    assert.equal(proposal.status, 'voting');

    // The explorer shows it all on first start.
    assert.ok(existsSync(new URL('../../app/dist/index.html', import.meta.url)), 'app/dist is built (cd app && npm run build)');
    const { names, errors } = await openExplorer(node.wsUrl, 'Ferdie', 'explorer-dev-chain');
    assert.deepEqual(errors, []);
    for (const n of ['demo-llm-base', 'demo-llm-chat', 'demo-llm-code']) assert.ok(names.includes(n), names.join(', '));
  });

  it('lets a user borrow with nobody feeding prices by hand', async () => {
    const supply = await send(api.tx.lending.supply({ Asset: 1 }, 10_000n * USDM), bob);
    assert.equal(supply.error, null);
    const enable = await send(api.tx.lending.enableCollateral({ Asset: 1 }), bob);
    assert.equal(enable.error, null);
    // Not Alice: her `orcl` key is her account, and her feeder signs a feed every block.
    const lend = await send(api.tx.lending.supply('Native', 50_000n * MDL), charlie);
    assert.equal(lend.error, null);
    const borrow = await send(api.tx.lending.borrow('Native', 1_000n * MDL), bob);
    assert.equal(borrow.error, null);
  });
});
