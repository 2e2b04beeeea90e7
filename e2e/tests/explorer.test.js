// The explorer dApp (app/) in a real browser: Debian's Chromium, headless, driven by
// playwright-core, against a real dev node (manual sealing). The test builds chain state
// through @polkadot/api, opens the built page (app/dist, served here) and checks that real
// values render:
// - a base model and a derivative registered by the test appear, the derivative with its
//   lineage graph naming the base;
// - Bob's health factor on the page is exactly the one `lending_accountHealth` returns;
// - oracle values, the lending markets and an open DAO proposal with its decoded call;
// then clicks one signed action (Alice claims her revenue through the page's dev keyring)
// and checks that exactly the claimable amount arrived. Screenshots go to
// e2e/artifacts/explorer-*.png.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveDist, launchBrowser, DIST, ARTIFACTS } from '../lib/explorer.js';
import { manualNode } from '../lib/suite.js';
import { rawRpc, waitForPool } from '../lib/node.js';
import { registerModel, metadata, terms, hashOf, eventData, MDL } from '../lib/models.js';

const FIXED = 10n ** 18n;
const USDM = 1_000_000n;

describe('the explorer in headless Chromium', { timeout: 300_000 }, () => {
  const t = manualNode();
  let web;
  let browser;
  let page;
  let base;
  let derived;
  let proposal;
  const pageErrors = [];
  const dialogs = [];

  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), 'app/dist is built (cd app && npm ci && npm run build)');
    web = await serveDist();
    browser = await launchBrowser();
  });
  after(async () => {
    if (browser) await browser.close();
    if (web) web.server.close();
  });

  const shot = (name) => page.screenshot({ path: join(ARTIFACTS, `explorer-${name}.png`), fullPage: true });
  const open = async (account) => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.accept(); });
    await page.goto(`http://127.0.0.1:${web.port}/?rpc=${encodeURIComponent(t.node.wsUrl)}&account=${account}`);
    // A block sealed after the page subscribed makes it render.
    await page.waitForSelector('[data-testid="status"][data-block]', { timeout: 30_000 });
    const sealed = await t.send(t.api.tx.system.remark('0x01'), t.ferdie);
    await rendered((await t.api.rpc.chain.getHeader(sealed.blockHash)).number.toNumber());
  };
  /** Waits until the page has rendered block `n` (or later) in every section. */
  const rendered = (n) => page.waitForFunction((b) => Number(document.body.dataset.renderedBlock ?? -1) >= b, n, { timeout: 30_000 });
  /** No page error, and no section failed to load. */
  const healthy = async () => {
    assert.deepEqual(pageErrors, []);
    assert.equal(await page.locator('text=could not load').count(), 0, await page.locator('main').innerText());
  };

  it('builds the state the page will show', async () => {
    const { api, alice, bob, charlie, send, ok } = t;
    ({ id: base } = await registerModel(api, alice, {
      contentHash: hashOf(0xe1), meta: metadata('explorer-base'), shareSupply: 1_000n,
      licenseTerms: terms({ price: 2n * MDL, royaltyFloor: 100_000 }),
    }, { send }));
    // A derivative needs a licence of its parent: Bob buys one (2 MDL to the base's holders).
    await ok(api.tx.models.purchaseLicense(base, 1, 2n * MDL), bob);
    ({ id: derived } = await registerModel(api, bob, {
      contentHash: hashOf(0xe2), meta: metadata('explorer-derived'), shareSupply: 1_000n,
      parents: [[base, 'Finetune', 100_000]], licenseTerms: terms({ price: 5n * MDL }),
    }, { send }));
    // A licence of the derivative: 10 % of its price goes up the lineage to the base.
    await ok(api.tx.models.purchaseLicense(derived, 1, 5n * MDL), charlie);
    // Prices, and a borrow by Bob against USDM.
    await ok(api.tx.oracle.feedValues([[{ AssetPrice: 0 }, FIXED.toString()], [{ AssetPrice: 1 }, FIXED.toString()]]), alice);
    await ok(api.tx.lending.supply({ Asset: 1 }, 1_000n * USDM), bob);
    await ok(api.tx.lending.enableCollateral({ Asset: 1 }), bob);
    await ok(api.tx.lending.supply('Native', 2_000n * MDL), alice);
    await ok(api.tx.lending.borrow('Native', 300n * MDL), bob);
    // An open chain proposal (a remark through the DAO) for the DAO section.
    await ok(api.tx.dao.stake(900_000n * MDL), alice);
    const r = await ok(api.tx.dao.propose('Chain', api.tx.system.remarkWithEvent('0x6578706c6f726572'), '0x' + '11'.repeat(32)), alice);
    proposal = eventData(r, api.events.dao.Proposed).id.toNumber();
  });

  it('renders the models with their lineage', async () => {
    await open('Alice');
    const names = await page.locator('[data-testid="model-name"]').allTextContents();
    assert.ok(names.includes('explorer-base') && names.includes('explorer-derived'), names.join(', '));
    const card = page.locator(`[data-testid="model"][data-model="${derived}"]`);
    assert.match(await card.locator('[data-testid="parents"]').textContent(), /finetune of explorer-base, royalty 10(\.00)? %/i);
    const graph = card.locator('[data-testid="lineage"] .lineage-node');
    assert.deepEqual(
      (await graph.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-model')))).sort(),
      [String(base), String(derived)].sort(),
    );
    await healthy();
    await shot('models');
  });

  it('shows the health factor the RPC computes, the markets, the oracle and the proposal', async () => {
    await page.selectOption('[data-testid="account"]', { label: 'Bob' });
    await page.waitForFunction(() => document.querySelector('[data-testid="health-factor"]')?.dataset.raw, null, { timeout: 30_000 });
    const raw = await page.getAttribute('[data-testid="health-factor"]', 'data-raw');
    const best = (await t.api.rpc.chain.getBlockHash()).toHex();
    const rpcHealth = (await rawRpc(t.node.rpcPort, 'lending_accountHealth', [t.bob.address, best])).result;
    assert.equal(raw, rpcHealth.healthFactor);
    // 1,000 USDM at $1 × 85 % threshold over 300 MDL at $1 plus the interest accrued since
    // the borrow: just under 2.8333….
    assert.ok(BigInt(raw) <= (850n * FIXED) / 300n && BigInt(raw) > (849n * FIXED) / 300n, raw);
    const sixDecimals = `${BigInt(raw) / FIXED}.${((BigInt(raw) % FIXED) / 10n ** 12n).toString().padStart(6, '0')}`;
    assert.equal(await page.textContent('[data-testid="health-factor"]'), sixDecimals.replace(/0+$/, ''));
    assert.equal(await page.textContent('[data-testid="gauge-value"]'), (Number(BigInt(raw) / 10n ** 12n) / 1e6).toFixed(3));
    assert.ok((await page.locator('[data-testid="market"]').count()) >= 2);
    assert.ok((await page.locator('[data-testid="oracle-value"]').count()) >= 3);
    const call = await page.textContent('[data-testid="proposal-call"]');
    assert.match(call, /^system\.remarkWithEvent\(/);
    await healthy();
    await shot('lending');
  });

  it('claims revenue with one click, and exactly the claimable amount arrives', async () => {
    await page.selectOption('[data-testid="account"]', { label: 'Alice' });
    const row = page.locator(`[data-testid="holding"][data-model="${base}"]`);
    await row.waitFor({ timeout: 30_000 });
    const claimable = (await rawRpc(t.node.rpcPort, 'models_claimableRevenue', [String(base), t.alice.address, null])).result;
    // Bob's licence of the base (2 MDL) and the base's 10 % royalty on Charlie's 5 MDL
    // licence of the derivative (0.5 MDL) belong to the base's holders: Alice alone.
    assert.equal(BigInt(claimable), 2n * MDL + MDL / 2n);
    const before = (await t.api.query.system.account(t.alice.address)).data.free.toBigInt();
    await row.locator('button[data-action="claim"]').click();
    // The page signed and submitted; seal the block it waits for.
    await waitForPool(t.node);
    const pending = await t.api.rpc.author.pendingExtrinsics();
    assert.equal(pending.length, 1);
    assert.equal(pending[0].method.section, 'models');
    assert.equal(pending[0].method.method, 'claimRevenue');
    assert.equal(pending[0].signer.toString(), t.alice.address);
    const sealed = await t.send(t.api.tx.system.remark('0x02'), t.ferdie);
    const events = await t.api.query.system.events.at(sealed.blockHash);
    const claimed = events.find(({ event }) => t.api.events.models.RevenueClaimed.is(event));
    assert.ok(claimed, 'RevenueClaimed event');
    const feePaid = events.find(({ event }) => t.api.events.transactionPayment.TransactionFeePaid.is(event)
      && event.data.who.toString() === t.alice.address);
    const fee = feePaid.event.data.actualFee.toBigInt();
    await page.waitForSelector('[data-testid="toast"][data-state="ok"]', { timeout: 30_000 });
    assert.match(await page.textContent('[data-testid="toast"]'), /claim: included in block 0x/);
    const after = (await t.api.query.system.account(t.alice.address)).data.free.toBigInt();
    assert.equal(after - before, 2n * MDL + MDL / 2n - fee);
    assert.equal((await rawRpc(t.node.rpcPort, 'models_claimableRevenue', [String(base), t.alice.address, null])).result, '0');
    await healthy();
    await shot('claimed');
  });

  it('votes on the open proposal with the amount typed, after a confirmation', async () => {
    const card = page.locator(`[data-testid="proposal"][data-proposal="${proposal}"]`);
    // Alice staked 900,000 MDL before proposing: the field offers all of it; she votes 1,234.5.
    assert.equal(await card.locator('[data-testid="vote-amount"]').inputValue(), '900,000');
    await card.locator('[data-testid="vote-amount"]').fill('1,234.5');
    await card.locator('button[data-choice="Aye"]').click();
    await waitForPool(t.node);
    assert.deepEqual(dialogs, [`Vote Aye on proposal #${proposal} with 1,234.5 MDL? They stay locked until the proposal's lock period ends.`]);
    const sealed = await t.send(t.api.tx.system.remark('0x03'), t.ferdie);
    await page.waitForSelector('[data-testid="toast"][data-state="ok"]', { timeout: 30_000 });
    const vote = (await t.api.query.dao.votes(proposal, t.alice.address)).unwrap();
    assert.equal(vote.locked.toBigInt(), 1_234_500_000_000_000n);
    assert.equal(vote.power.toBigInt(), 1_234_500_000_000_000n);
    await rendered((await t.api.rpc.chain.getHeader(sealed.blockHash)).number.toNumber());
    assert.match(await card.locator('[data-testid="tally"]').textContent(), /^aye 1,234\.5 · nay 0 ·/);
    await healthy();
  });
});
