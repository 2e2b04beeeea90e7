// A dev chain that is alive: `modelchain-node --dev` (Aura, 6-second blocks, as
// scripts/dev-node.sh runs it) serves the dev preset's prices to its own off-chain feeder,
// so MDL, USDM and gold stay fresh with nobody feeding by hand:
// - within a few blocks the oracle serves all three keys at the demo values, fed by Alice's
//   `orcl` key;
// - 40 seconds later (past the keys' 30-second life) they are still served, observed again;
// - Bob supplies USDM as collateral and borrows MDL without feeding anything
//   (a borrow needs every price current).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode } from '../lib/node.js';
import { instantSender } from '../lib/models.js';

const SUITE_TIMEOUT_MS = 240_000;
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

  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    [alice, bob, charlie] = ['//Alice', '//Bob', '//Charlie'].map((u) => keyring.addFromUri(u));
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
      const c = await api.query.oracle.combined({ AssetPrice: key });
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
    const feed = await api.query.oracle.feeds({ AssetPrice: 2 }, alice.address);
    assert.equal(feed.isSome, true);
    assert.equal(feed.unwrap().value.toBigInt(), 2_000n * FIXED);

    // Past the keys' 30-second life: still served, observed again.
    await sleep(40_000);
    const later = await waitServed(first[0].at);
    assert.deepEqual(later.map((s) => s.value), DEMO.map(([, v]) => v));
    assert.ok(later.every((s, i) => s.at > first[i].at));
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
